/**
 * Which suites start first. With timings from an earlier run (jest's cache) jest's own order
 * is kept: failed first, then longest first. On a fresh clone (CI, `.ci/run`) jest has no
 * timings and orders by file size, which started the slowest suites late and left workers idle
 * at the end; so the suites known to be slow go first, longest first, and the rest keep
 * jest's order. Seconds: each suite on a quiet fresh clone (`CI=true bash .ci/run`, three
 * suites sharing two cores, 3 December 2026, 6d85553); bundle.test.ts since then no longer
 * builds the bot itself. A suite missing here only starts later; nothing else depends on this list.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const SLOW_SECONDS = {
  'tests/staff/console/console-browser.test.ts': 179,
  'tests/browser/webchat.test.ts': 107,
  'tests/browser/webchat-a11y.test.ts': 103,
  'tests/staff/console/inbox-http.test.ts': 46,
  'tests/browser/staff-console.test.ts': 46,
  'tests/faults/faults.test.ts': 34,
  'tests/staff/content-two-instances.test.ts': 27,
  'tests/scale-out/two-instances.test.ts': 24,
  'tests/faults/shared-storage.test.ts': 24,
  'tests/unit/matcher/lexical-vote.test.ts': 19,
  'tests/staff/kb-dates-phrases.test.ts': 13,
  'tests/unit/content/compile.test.ts': 13,
  'tests/staff/kb-check-syntax-sources.test.ts': 12,
  'tests/fuzz/yaml-loaders.test.ts': 11,
  // Below the slowest fifteen of that run, slow before: ahead of the many short suites.
  'tests/staff/report-cli.test.ts': 10,
  'tests/staff/purge.test.ts': 10,
  'tests/integration/bundle.test.ts': 8,
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
