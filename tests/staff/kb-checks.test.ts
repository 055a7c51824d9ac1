/**
 * The checks behind `npm run kb:check`, one by one, on small knowledge bases: what each
 * finds, where it points, and what it leaves alone.
 */
import path from 'node:path';
import {
  addMonths,
  buildLocator,
  checkContent,
  chooseStaffLang,
  countFindings,
  entryLocator,
  findNearDuplicates,
  findParityGaps,
  findStaleEntries,
  formatFinding,
  fullMonthsBetween,
  selfTestFindings,
  sortFindings,
  staffTranslator,
  type Finding,
} from '../../src/core/knowledge/checks';
import { KnowledgeAnswerer } from '../../src/core/knowledge/load-answerer';
import { buildKnowledge, loadKnowledge, type SourceFile } from '../../src/core/knowledge/loader';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/kb-check');
const en = staffTranslator('en', path.join(ROOT, 'locales/kbcheck'));

interface EntrySpec {
  id: string;
  vi?: string;
  en?: string;
  altVi?: string[];
  altEn?: string[];
  extra?: string;
}

function kbFile(entries: EntrySpec[]): SourceFile {
  const quote = (texts: string[]) => `[${texts.map((text) => JSON.stringify(text)).join(', ')}]`;
  const body = entries
    .map(
      (e) => `  - id: ${e.id}
    question: { vi: ${JSON.stringify(e.vi ?? `Câu hỏi ${e.id}`)}, en: ${JSON.stringify(e.en ?? `Question ${e.id}`)} }
    alternates:
      vi: ${quote(e.altVi ?? [`cau hoi ve ${e.id}`])}
      en: ${quote(e.altEn ?? [`asking about ${e.id}`])}
    answer: { vi: "Trả lời", en: "Answer" }
${e.extra ?? ''}`,
    )
    .join('');
  return { name: 'pn.yaml', display: 'knowledge/pn.yaml', text: `area: pn\nentries:\n${body}` };
}

function load(entries: EntrySpec[]) {
  const file = kbFile(entries);
  const loaded = buildKnowledge([file]);
  return { loaded, file, locate: buildLocator([file], loaded.kb.entries) };
}

describe('freshness', () => {
  const now = new Date('2026-03-15T09:00:00Z');
  const { loaded, locate } = load([
    { id: 'pn.expired', extra: '    validUntil: 2026-03-14\n' },
    { id: 'pn.valid-today', extra: '    validUntil: 2026-03-15\n' },
    { id: 'pn.reviewed-a-year-ago', extra: '    reviewed: 2025-03-15\n' },
    { id: 'pn.reviewed-too-long-ago', extra: '    reviewed: 2025-03-14\n' },
    { id: 'pn.never-reviewed' },
  ]);

  it('warns when validUntil has passed or reviewed is more than 12 months old, at the line of the date', () => {
    const findings = findStaleEntries(loaded.kb, locate, now);
    expect(findings.map((f) => [f.code, f.params.id, f.line])).toEqual([
      ['expired', 'pn.expired', 9],
      ['stale', 'pn.reviewed-too-long-ago', 30],
    ]);
    expect(findings[1].params).toMatchObject({ date: '2025-03-14', months: 12 });
    expect(formatFinding(findings[0], en)).toBe(
      'WARNING knowledge/pn.yaml:9  Entry "pn.expired": the answer was valid until 2026-03-14, which has passed. Check the answer, then update "validUntil" (or remove it).',
    );
  });

  it('depends on the injected date only', () => {
    expect(findStaleEntries(loaded.kb, locate, new Date('2025-01-01T00:00:00Z'))).toEqual([]);
    expect(findStaleEntries(loaded.kb, locate, new Date('2030-01-01T00:00:00Z'))).toHaveLength(4);
  });

  it('counts calendar months', () => {
    expect(fullMonthsBetween('2025-01-31', '2025-02-28')).toBe(0);
    expect(fullMonthsBetween('2024-01-15', '2026-03-15')).toBe(26);
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
  });
});

describe('language parity', () => {
  it('warns when one language has fewer than half the alternates of the other, at that language', () => {
    const { loaded, locate } = load([
      { id: 'pn.few-vi', altVi: ['a'], altEn: ['b one', 'b two', 'b three'] },
      { id: 'pn.few-en', altVi: ['c one', 'c two', 'c three', 'c four', 'c five'], altEn: ['d one', 'd two'] },
      { id: 'pn.balanced', altVi: ['e one', 'e two'], altEn: ['f one', 'f two', 'f three', 'f four'] },
    ]);
    const findings = findParityGaps(loaded.kb, locate);
    expect(findings.map((f) => f.params)).toEqual([
      { id: 'pn.few-vi', few: 1, many: 3, langFew: 'vi', langMany: 'en' },
      { id: 'pn.few-en', few: 2, many: 5, langFew: 'en', langMany: 'vi' },
    ]);
    expect(findings[0].line).toBe(6);
    expect(formatFinding(findings[1], en)).toContain('has 2 alternate question(s) in English but 5 in Vietnamese. Add more ways of asking in English');
  });
});

describe('near-duplicates', () => {
  it('finds the pair of entries whose questions match each other about as well as their own, once', async () => {
    const report = await checkContent({ knowledgeDir: path.join(FIXTURES, 'warnings'), now: new Date('2020-02-01T00:00:00Z'), displayRoot: ROOT });
    const pairs = report.findings.filter((f) => f.code === 'nearDuplicate');
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({
      severity: 'warning',
      file: 'tests/fixtures/kb-check/warnings/pn.yaml',
      line: 6,
      params: { id: 'pn.tuition', otherId: 'pn.fees', lang: 'vi', question: 'Học phí ở PN là bao nhiêu?', otherQuestion: 'Học phí ở PN là bao nhiêu tiền?', otherPlace: 'tests/fixtures/kb-check/warnings/pn.yaml:16' },
    });
  });

  it('leaves clearly different questions alone', () => {
    const { loaded, locate } = load([
      { id: 'pn.location', vi: 'Trung tâm PN ở đâu?', en: 'Where is the PN centre?' },
      { id: 'pn.scholarship', vi: 'Học bổng PN gồm những gì?', en: 'What does the PN scholarship cover?' },
      { id: 'pn.housing', vi: 'PN có ký túc xá không?', en: 'Does PN have a dormitory?' },
    ]);
    const answerer = new KnowledgeAnswerer(loaded);
    expect(findNearDuplicates(loaded.kb, answerer.index, locate)).toEqual([]);
  });

  it('flags a pair only within the margin', async () => {
    const loaded = await loadKnowledge(path.join(FIXTURES, 'warnings'));
    const answerer = new KnowledgeAnswerer(loaded);
    const locate = entryLocator(loaded.kb.entries);
    expect(findNearDuplicates(loaded.kb, answerer.index, locate, 0.05).map((f) => f.params.otherId)).toEqual(['pn.fees']);
    expect(findNearDuplicates(loaded.kb, answerer.index, locate, 0.01)).toEqual([]);
  });
});

describe('self-test', () => {
  const { loaded, locate } = load([
    { id: 'pn.location', vi: 'Trung tâm PN ở đâu?', en: 'Where is the PN centre?', altEn: ['pn address', 'scholarship benefits'] },
    { id: 'pn.scholarship', vi: 'Học bổng PN gồm những gì?', en: 'What does the PN scholarship include?', altEn: ['scholarship benefits'] },
    { id: 'pn.housing', vi: 'PN có ký túc xá không?', en: 'Does PN have a dormitory?', altVi: ['???'] },
  ]);
  const answerer = new KnowledgeAnswerer(loaded);

  it('reports a phrasing two entries share, or one with no word the bot knows, at the phrasing’s own line', () => {
    const findings = selfTestFindings(answerer, locate);
    const shared = findings.filter((f) => f.params.text === 'scholarship benefits');
    // One entry at least cannot have the shared alternate: it goes to the other, or to a "did you mean".
    expect(shared.length).toBeGreaterThanOrEqual(1);
    for (const finding of shared) {
      expect(['selfTestOther', 'selfTestSuggest']).toContain(finding.code);
      expect([7, 13]).toContain(finding.line);
    }
    expect(findings.filter((f) => f.params.text !== 'scholarship benefits').map((f) => [f.code, f.params.id, f.params.text, f.line, f.severity])).toEqual([
      ['selfTestNone', 'pn.housing', '???', 18, 'warning'],
    ]);
    const other = findings.find((f) => f.code === 'selfTestOther');
    if (other) expect(formatFinding(other, en)).toMatch(/^WARNING knowledge\/pn\.yaml:(7|13) .*"scholarship benefits" gets the answer of "pn\.(location|scholarship)"/);
  });

  it('makes them errors with --strict', () => {
    const strict = selfTestFindings(answerer, entryLocator(loaded.kb.entries), 'error');
    expect(strict.length).toBe(selfTestFindings(answerer, locate).length);
    expect(new Set(strict.map((f) => f.severity))).toEqual(new Set(['error']));
  });
});

describe('checkContent', () => {
  it('turns load problems into errors and still checks the dialogs against the ids written', async () => {
    const report = await checkContent({ knowledgeDir: path.join(FIXTURES, 'broken'), dialogsDir: path.join(FIXTURES, 'dialogs-bad'), displayRoot: ROOT });
    expect(report.loaded).toBe(false);
    expect(report.dialogsChecked).toBe(true);
    expect(report.findings.map((f) => [f.severity, f.code, `${f.file}:${f.line}`])).toEqual([
      ['error', 'load', 'tests/fixtures/kb-check/broken/a.yaml:6'],
      ['error', 'load', 'tests/fixtures/kb-check/broken/b.yaml:4'],
      ['error', 'flow', 'tests/fixtures/kb-check/dialogs-bad/ask-location.yaml:29'],
    ]);
  });

  it('reports a missing knowledge folder as one plain error', async () => {
    const report = await checkContent({ knowledgeDir: path.join(FIXTURES, 'missing'), displayRoot: ROOT });
    expect(report.findings).toHaveLength(1);
    expect(formatFinding(report.findings[0], en)).toBe('ERROR tests/fixtures/kb-check/missing  This folder does not exist. Set KNOWLEDGE_DIR, or run the check from the project folder.');
  });

  it('finds nothing in a clean knowledge base', async () => {
    const report = await checkContent({ knowledgeDir: path.join(FIXTURES, 'clean'), now: new Date('2026-01-01T00:00:00Z') });
    expect(report).toMatchObject({ entries: 2, loaded: true, dialogsChecked: false, findings: [] });
  });

  it('reports an entry and a flow choice without a short button title as errors, in both languages', async () => {
    const report = await checkContent({ knowledgeDir: path.join(FIXTURES, 'no-short'), dialogsDir: path.join(FIXTURES, 'no-short-dialogs'), now: new Date('2026-01-01T00:00:00Z'), displayRoot: ROOT });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.severity, f.code, `${f.file}:${f.line}`, f.params])).toEqual([
      ['error', 'noChoiceShortTitle', 'tests/fixtures/kb-check/no-short-dialogs/visit.yaml:21', { flow: 'visit', step: 'when', choice: 'afternoon' }],
      ['error', 'noShortTitle', 'tests/fixtures/kb-check/no-short/pn.yaml:14', { id: 'pn.scholarship' }],
    ]);
    expect(errors.map((f) => formatFinding(f, en))).toEqual([
      expect.stringContaining('"afternoon" has no short title'),
      expect.stringContaining('Entry "pn.scholarship" has no short title'),
    ]);
    expect(formatFinding(errors[1] as Finding, staffTranslator('vi', path.join(ROOT, 'locales/kbcheck')))).toContain('Mục "pn.scholarship" chưa có tiêu đề ngắn');
  });

  it('sorts errors first, then by file and line, and counts them', () => {
    const finding = (severity: Finding['severity'], file: string, line: number): Finding => ({ severity, code: 'load', file, line, params: { detail: '' } });
    const sorted = sortFindings([finding('warning', 'a', 1), finding('error', 'b', 9), finding('error', 'b', 2), finding('error', 'a', 5)]);
    expect(sorted.map((f) => `${f.severity} ${f.file}:${f.line}`)).toEqual(['error a:5', 'error b:2', 'error b:9', 'warning a:1']);
    expect(countFindings(sorted)).toEqual({ errors: 3, warnings: 1 });
  });
});

describe('choosing the staff language', () => {
  it('takes --lang first, then the locale variables, else English', () => {
    expect(chooseStaffLang('vi', { LANG: 'en_US.UTF-8' })).toBe('vi');
    expect(chooseStaffLang('en-GB', {})).toBe('en');
    expect(chooseStaffLang(undefined, { LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(chooseStaffLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'vi_VN.UTF-8' })).toBe('en');
    expect(chooseStaffLang(undefined, { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(chooseStaffLang(undefined, { LANG: 'C', LC_ALL: '' })).toBe('en');
    expect(chooseStaffLang(undefined, {})).toBe('en');
    expect(() => chooseStaffLang('fr', {})).toThrow('--lang must be "vi" or "en"');
    expect(() => chooseStaffLang('video', {})).toThrow();
  });
});
