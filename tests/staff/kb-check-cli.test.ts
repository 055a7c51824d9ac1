/**
 * `npm run kb:check` as staff run it: the real CLI on small fixture knowledge bases,
 * asserting the exit code and the lines staff read. In-process through its main function
 * (tests/helpers/cli.ts), and once in a child process as `npm run` starts it.
 */
import { runCli } from '../helpers/cli';

const FIXTURES = 'tests/fixtures/kb-check';

interface Run {
  code: number;
  /** Standard output, line by line. */
  lines: string[];
  stderr: string;
}

/** In-process unless `spawn`: one run below goes through npx tsx as staff start it. */
async function kbCheck(knowledge: string, options: { args?: string[]; dialogs?: string; env?: NodeJS.ProcessEnv; spawn?: boolean } = {}): Promise<Run> {
  // --no-neighbours: confusable neighbours are not this suite's subject (tests/staff/neighbours.test.ts computes them),
  // and each run would otherwise train a cross-validation. CONTENT_CACHE_DIR off: nothing of these folders is kept.
  const env = { KNOWLEDGE_DIR: `${FIXTURES}/${knowledge}`, DIALOGS_DIR: options.dialogs ? `${FIXTURES}/${options.dialogs}` : `${FIXTURES}/no-such-folder`, CONTENT_CACHE_DIR: 'off', ...options.env };
  const run = await runCli('kb-check', [...(options.args ?? []), '--no-neighbours'], env, { spawn: options.spawn });
  return { code: run.code, lines: run.stdout.split('\n'), stderr: run.stderr };
}

describe('npm run kb:check', () => {
  it('takes the date to check against from --today, and refuses one it cannot read', async () => {
    const bad = await kbCheck('clean', { args: ['--today', 'tomorrow'] });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--today');
    const pinned = await kbCheck('clean', { args: ['--today', '2026-12-03'] });
    expect(pinned.code).toBe(0);
  }, 120_000);

  it('lists schema and cross-reference errors with file:line and exits 1', async () => {
    const run = await kbCheck('broken');
    expect(run.code).toBe(1);
    expect(run.lines).toContain(`ERROR ${FIXTURES}/broken/a.yaml:6:7  "en" is missing: add it here (every text needs both "vi" and "en").`);
    expect(run.lines).toContain(`ERROR ${FIXTURES}/broken/b.yaml:4:1  entry "ms.exam-price" has a follow-up "ms.voucher" that does not exist`);
    expect(run.lines.at(-2)).toBe('Summary: 0 entries checked, 2 error(s), 0 warning(s).');
  });

  it('reports dialog problems from the flow checker as errors', async () => {
    const run = await kbCheck('clean', { dialogs: 'dialogs-bad' });
    expect(run.code).toBe(1);
    expect(run.lines).toContain(`Checked the dialogs in ${FIXTURES}/dialogs-bad.`);
    expect(run.lines).toContain(`ERROR ${FIXTURES}/dialogs-bad/ask-location.yaml:29:16  Dialog: default > offer 1: the knowledge-base entry "pn.nowhere" does not exist`);
    expect(run.lines.at(-2)).toBe('Summary: 2 entries checked, 1 error(s), 0 warning(s).');
  });

  it('reports an entry whose flow does not exist as an error', async () => {
    const run = await kbCheck('unknown-flow', { env: { DIALOGS_DIR: 'dialogs' } });
    expect(run.code).toBe(1);
    expect(run.lines).toContainEqual(
      expect.stringMatching(new RegExp(`^ERROR ${FIXTURES}/unknown-flow/pn\\.yaml:4  Entry "pn\\.location" offers the guided flow "pn-eligibilty", which is not in the dialogs folder: .*Known flows: contact, handoff, japan-readiness, pn-eligibility\\.$`)),
    );
  });

  it('warns about near-duplicates, language parity and freshness, and still exits 0', async () => {
    const run = await kbCheck('warnings');
    expect(run.code).toBe(0);
    const warnings = run.lines.filter((line) => line.startsWith('WARNING '));
    // The near-duplicate may also show in the self-test (its questions get only a "did you mean"):
    // whether it does is the matcher's call, but such a line can only be about that pair.
    const selfTest = warnings.filter((line) => line.includes(': asking "'));
    for (const line of selfTest) {
      expect(line).toMatch(new RegExp(`^WARNING ${FIXTURES}/warnings/pn\\.yaml:(6  Entry "pn\\.tuition": .*pn\\.fees|19  Entry "pn\\.fees": .*pn\\.tuition)`));
    }
    expect(warnings.filter((line) => !selfTest.includes(line))).toEqual([
      `WARNING ${FIXTURES}/warnings/pn.yaml:6  Entries "pn.tuition" and "pn.fees" (${FIXTURES}/warnings/pn.yaml:16) ask almost the same question in Vietnamese: "Học phí ở PN là bao nhiêu?" / "Học phí ở PN là bao nhiêu tiền?". Students may get the wrong answer: make the two questions clearly different, or merge the entries.`,
      `WARNING ${FIXTURES}/warnings/pn.yaml:8  Entry "pn.tuition" has 1 alternate question(s) in Vietnamese but 4 in English. Add more ways of asking in Vietnamese so those questions are recognised as well.`,
      expect.stringMatching(new RegExp(`^WARNING ${FIXTURES}/warnings/pn\\.yaml:11  Entry "pn\\.tuition" was last reviewed on 2020-01-15, \\d+ months ago\\.`)),
      `WARNING ${FIXTURES}/warnings/pn.yaml:12  Entry "pn.tuition": the answer was valid until 2021-06-30, which has passed. Check the answer, then update "validUntil" (or remove it).`,
    ]);
    expect(run.lines.at(-2)).toBe(`Summary: 6 entries checked, 0 error(s), ${warnings.length} warning(s).`);
  });

  it('says so plainly when there is nothing to report', async () => {
    const run = await kbCheck('clean');
    expect(run.code).toBe(0);
    expect(run.lines).toContain('No problems found.');
    expect(run.lines).toContain(`No dialogs folder at ${FIXTURES}/no-such-folder: dialogs were not checked.`);
    expect(run.lines.at(-2)).toBe('Summary: 2 entries checked, 0 error(s), 0 warning(s).');
  });

  it('speaks Vietnamese with --lang vi or a Vietnamese locale', async () => {
    const byFlag = await kbCheck('broken', { args: ['--lang', 'vi'] });
    expect(byFlag.lines).toContain(`LỖI ${FIXTURES}/broken/a.yaml:6:7  Thiếu "en": hãy thêm vào đây (mỗi đoạn chữ cần cả "vi" và "en").`);
    expect(byFlag.lines).toContain('Tóm tắt: đã kiểm tra 0 mục, 2 lỗi, 0 cảnh báo.');
    const byLocale = await kbCheck('warnings', { env: { LANG: 'vi_VN.UTF-8' } });
    expect(byLocale.lines).toContain(`CẢNH BÁO ${FIXTURES}/warnings/pn.yaml:8  Mục "pn.tuition" có 1 cách hỏi khác bằng tiếng Việt nhưng có 4 cách bằng tiếng Anh. Hãy thêm cách hỏi bằng tiếng Việt để bot nhận ra các câu hỏi đó tốt như nhau.`);
  });

  it('refuses an unknown --lang with the usage line (exit 2)', async () => {
    const run = await kbCheck('clean', { args: ['--lang', 'fr'], spawn: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--lang must be "vi" or "en" (got "fr")');
    expect(run.stderr).toContain('usage: npm run kb:check -- [--strict] [--lang vi|en]');
  });
});
