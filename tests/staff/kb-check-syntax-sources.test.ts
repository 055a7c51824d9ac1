/**
 * kb:check after a YAML mistake (one plain error, first, in the staff's language, no knock-on
 * follow-up errors) and the source checks (sources, reviewed, links against knowledge/sources.yaml).
 * Messages are compared with the string catalogue (locales/kbcheck), never copied here.
 */
import path from 'node:path';
import { checkContent, formatFinding, hostBacked, hostOf, staffTranslator, syntaxFindings, type Finding } from '../../src/core/knowledge/checks';
import { parseYaml } from '../../src/core/yaml/yaml-source';
import { knowledgeFileSchema } from '../../src/core/knowledge/schema';
import { runCli } from '../helpers/cli';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = 'tests/fixtures/kb-check';
const LOCALES = path.join(ROOT, 'locales/kbcheck');
const vi = staffTranslator('vi', LOCALES);
const en = staffTranslator('en', LOCALES);

const check = (dir: string) => checkContent({ knowledgeDir: path.join(ROOT, FIXTURES, dir), displayRoot: ROOT, now: new Date('2026-12-01T00:00:00Z') });
const place = (f: Finding) => `${f.severity} ${f.code} ${f.file}:${f.line}`;

describe('after a YAML syntax error', () => {
  it('reports the broken file once, first, and no follow-up errors for ids written in it', async () => {
    const report = await check('syntax');
    expect(report.loaded).toBe(false);
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map(place)).toEqual([
      `error syntax ${FIXTURES}/syntax/pn.yaml:9`,
      // A follow-up to an id written nowhere is still a real error, shown after the syntax error.
      `error load ${FIXTURES}/syntax/ms.yaml:4`,
    ]);
    expect(errors[0]?.params).toMatchObject({ context: 'indent', line: 9 });
    expect(errors[1]?.params.detail).toContain('"ms.voucher"');
  });

  it('says what is wrong, on which line and what to do, in Vietnamese with --lang vi', async () => {
    const run = await kbCheck('syntax', ['--lang', 'vi']);
    expect(run.code).toBe(1);
    const findings = run.lines.filter((line) => line.startsWith(`${vi('severity.error')} `));
    const [first] = (await check('syntax')).findings;
    expect(findings[0]).toBe(formatFinding(first as Finding, vi));
    expect(findings[0]).toContain(vi('check.syntax_indent', { line: 9 }));
    // The library's English never reaches Vietnamese staff for this mistake.
    expect(findings[0]).not.toMatch(/sequence|implicit|mapping/i);
    expect(findings).toHaveLength(2);
  });

  it.each([
    ['indent', 'a:\n  vi: x\n en: y\n', 3],
    ['tab', 'a:\n\tvi: x\n', 2],
    ['quote', 'a:\n  vi: "Hello\n  en: x\n', 2],
    ['afterQuote', 'a:\n  vi: "Hello" world\n  en: x\n', 2],
    ['colon', 'a:\n  vi: Hello: world\n  en: x\n', 2],
    ['bracket', 'a: { vi: x, en: y\nb: 1\n', 2],
    ['duplicate', 'a:\n  vi: x\n  vi: y\n', 3],
  ])('names a %s mistake, with its own message in both languages', (kind, text, line) => {
    const result = parseYaml('f.yaml', text, knowledgeFileSchema);
    expect(result.ok).toBe(false);
    const findings = syntaxFindings(result.ok ? [] : result.problems);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.params).toMatchObject({ context: kind, line });
    for (const t of [vi, en]) expect(formatFinding(findings[0] as Finding, t)).toContain(t(`check.syntax_${kind}`, { line, noticed: findings[0]?.params.noticed ?? line }));
  });
});

describe('sources, reviewed and links', () => {
  it('warns about a link to a site no source cites, an unknown source, and missing sources or reviewed', async () => {
    const report = await check('sources');
    const sourceCodes = new Set(['noSources', 'notReviewed', 'unknownSource', 'linkSource']);
    const found = report.findings.filter((f) => sourceCodes.has(f.code));
    expect(found.map((f) => [f.code, f.params.id, f.line])).toEqual([
      ['linkSource', 'pn.study', 25],
      ['unknownSource', 'pn.format', 38],
      ['noSources', 'pn.unsourced', 39],
      ['notReviewed', 'pn.unsourced', 39],
    ]);
    expect(found[0]?.params).toMatchObject({ url: 'https://www.jlpt.jp/e/', host: 'jlpt.jp', sources: 'B2.13' });
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('accepts a link on a source host or its subdomain, ignoring "www."', () => {
    expect(hostOf('https://www.passerellesnumeriques.org/en/')).toBe('passerellesnumeriques.org');
    expect(hostOf('learn.microsoft.com/en-us/credentials/')).toBe('learn.microsoft.com');
    expect(hostBacked('learn.microsoft.com', ['microsoft.com'])).toBe(true);
    expect(hostBacked('ptit.edu.vn', ['english.ptit.edu.vn'])).toBe(false);
    expect(hostBacked('evilmicrosoft.com', ['microsoft.com'])).toBe(false);
  });

  it('finds every shipped entry sourced, reviewed and linking only to its sources', async () => {
    const report = await checkContent({ knowledgeDir: path.join(ROOT, 'knowledge'), displayRoot: ROOT, now: new Date('2026-12-01T00:00:00Z') });
    expect(report.findings.filter((f) => ['noSources', 'notReviewed', 'unknownSource', 'linkSource', 'expired'].includes(f.code)).map(place)).toEqual([]);
  });
});

async function kbCheck(knowledge: string, args: string[]): Promise<{ code: number; lines: string[] }> {
  // --no-neighbours: confusable neighbours are not this suite's subject (tests/staff/neighbours.test.ts computes them).
  // CONTENT_CACHE_DIR off: nothing of these small folders is kept in the suite's shared cache.
  const run = await runCli('kb-check', [...args, '--no-neighbours'], { KNOWLEDGE_DIR: `${FIXTURES}/${knowledge}`, DIALOGS_DIR: `${FIXTURES}/no-such-folder`, CONTENT_CACHE_DIR: 'off' });
  return { code: run.code, lines: run.stdout.split('\n') };
}
