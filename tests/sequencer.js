/**
 * Which suites start first. With timings from an earlier run (jest's cache) jest's own order
 * is kept: failed first, then longest first. On a fresh clone (CI, `.ci/run`) jest has no
 * timings and orders by file size, which started the slowest suites late and left workers idle
 * at the end; so the suites known to be slow go first, longest first, and the rest keep
 * jest's order. Seconds: one worker on an idle 2-core machine, 3 December 2026. A suite
 * missing here only starts later; nothing else depends on this list.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const SLOW_SECONDS = {
  'tests/browser/webchat.test.ts': 102,
  'tests/staff/console/console-browser.test.ts': 92,
  'tests/browser/webchat-a11y.test.ts': 79,
  'tests/browser/staff-console.test.ts': 50,
  'tests/staff/console/inbox-http.test.ts': 27,
  'tests/staff/report-cli.test.ts': 20,
  // Scaled by what they took before and after their bots ran the one-file build and the
  // staff suites published on the small knowledge folder (same load, 3 December 2026, evening).
  'tests/staff/content-two-instances.test.ts': 18,
  'tests/faults/faults.test.ts': 15,
  'tests/scale-out/two-instances.test.ts': 15,
  'tests/staff/purge.test.ts': 15,
  'tests/faults/shared-storage.test.ts': 12,
};

class SlowSuitesFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const seconds = (test) => SLOW_SECONDS[path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/')] ?? 0;
    // Array sort is stable: suites not listed keep jest's order after the listed ones.
    return [...sorted].sort((a, b) => seconds(b) - seconds(a));
  }
}

module.exports = SlowSuitesFirst;
