/**
 * kb:check's calendar and voice checks (issue 23): a passed date spoken of as coming,
 * `validUntil` after a date still to come, phrases that open or close many answers, and the
 * YAML mistakes staff make most (":" or "#" in a text without quotes, an unclosed quote).
 * Today is always pinned: these are warnings and a calendar date must never fail a test run.
 * Messages are compared with the catalogue (locales/kbcheck), never copied here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildLocator,
  checkContent,
  datesIn,
  findDatedText,
  findingMessage,
  findStockPhrases,
  staffTranslator,
  syntaxFindings,
  type Finding,
} from '../../src/core/knowledge/checks';
import { buildKnowledge, type SourceFile } from '../../src/core/knowledge/loader';
import { knowledgeFileSchema } from '../../src/core/knowledge/schema';
import { parseYaml } from '../../src/core/yaml/yaml-source';

const ROOT = path.resolve(__dirname, '../..');
const LOCALES = path.join(ROOT, 'locales/kbcheck');
const vi = staffTranslator('vi', LOCALES);
const en = staffTranslator('en', LOCALES);
const TODAY = new Date('2026-12-03T00:00:00Z');

function kb(entries: Array<{ id: string; vi: string; en: string; extra?: string }>) {
  const body = entries
    .map(
      (e) => `  - id: ${e.id}
    question: { vi: "Câu hỏi ${e.id}", en: "Question ${e.id}" }
    alternates: { vi: ["cau hoi ${e.id}"], en: ["asking ${e.id}"] }
    answer:
      vi: ${JSON.stringify(e.vi)}
      en: ${JSON.stringify(e.en)}
${e.extra ?? ''}`,
    )
    .join('');
  const file: SourceFile = { name: 'ms.yaml', display: 'knowledge/ms.yaml', text: `area: ms\nentries:\n${body}` };
  const loaded = buildKnowledge([file]);
  return { kb: loaded.kb, locate: buildLocator([file], loaded.kb.entries) };
}

describe('dates in answers', () => {
  it('reads the date forms the answers use', () => {
    expect(datesIn('AI-900 ngừng ngày 30/6/2026; chuyến thăm 1–2/7/2024').map((d) => [d.from, d.to])).toEqual([
      ['2026-06-30', '2026-06-30'],
      ['2024-07-02', '2024-07-02'],
    ]);
    expect(datesIn('bắt đầu từ tháng 1/2027').map((d) => [d.from, d.to])).toEqual([['2027-01-01', '2027-01-31']]);
    expect(datesIn('retired on 31 March 2026, then January 2027').map((d) => [d.from, d.to])).toEqual([
      ['2026-03-31', '2026-03-31'],
      ['2027-01-01', '2027-01-31'],
    ]);
    expect(datesIn('năm 2024, 17–23 tuổi, 99/99/2026')).toEqual([]);
  });

  it('warns when a passed date is still spoken of as coming, in either language, and not before it passes', () => {
    const { kb: base, locate } = kb([
      { id: 'ms.old', vi: '- AI-900: theo lịch, AI-900 ngừng ngày 30/6/2026.', en: '- AI-900 will retire on 30 June 2026.' },
      { id: 'ms.past', vi: '- AI-900 đã ngừng từ 30/6/2026.', en: '- AI-900 retired on 30 June 2026.' },
    ]);
    const findings = findDatedText(base, locate, TODAY);
    expect(findings.map((f) => [f.code, f.params.id, f.params.lang, f.params.word])).toEqual([
      ['pastAsComing', 'ms.old', 'vi', 'theo lịch'],
      ['pastAsComing', 'ms.old', 'en', 'will'],
    ]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findDatedText(base, locate, new Date('2026-06-01T00:00:00Z'))).toEqual([]);
    for (const t of [vi, en]) expect(findingMessage(findings[0] as Finding, t)).toBe(t('check.pastAsComing', { ...findings[0]?.params, lang: t('lang.vi') }));
  });

  it('warns when validUntil comes after a date the answer still speaks of as coming', () => {
    const answer = { vi: 'Có thể bắt đầu từ tháng 1/2027.', en: 'It could start in January 2027.' };
    const late = kb([{ id: 'pn.timeline', ...answer, extra: '    validUntil: 2027-06-30\n' }]);
    const findings = findDatedText(late.kb, late.locate, TODAY);
    expect(findings.map((f) => [f.code, f.params.id, f.params.day, f.line])).toEqual([['validAfterComing', 'pn.timeline', '2027-01-01', 9]]);
    const inTime = kb([{ id: 'pn.timeline', ...answer, extra: '    validUntil: 2026-12-31\n' }]);
    expect(findDatedText(inTime.kb, inTime.locate, TODAY)).toEqual([]);
  });
});

describe('stock phrases', () => {
  const closing = (id: string, line: string) => ({ id, vi: `${id} có câu trả lời riêng.\n${line}`, en: `${id} has its own answer.\n${id} ends here.` });

  it('lists a phrase that closes more than 3 answers, with the entries, once', () => {
    const { kb: base, locate } = kb(['a', 'b', 'c', 'd'].map((x) => closing(`pn.${x}`, 'Thông báo mới nhất: passerellesnumeriques.org')));
    const findings = findStockPhrases(base, locate);
    expect(findings.map((f) => [f.code, f.params.count, f.params.ids, f.params.lang])).toEqual([
      ['stockClosing', 4, 'pn.a, pn.b, pn.c, pn.d', 'vi'],
      ['stockClosing', 4, 'pn.a, pn.b, pn.c, pn.d', 'vi'],
    ]);
    expect(new Set(findings.map((f) => f.params.phrase))).toEqual(new Set(['thông báo mới', 'báo mới nhất passerellesnumeriques.org']));
  });

  it('leaves three alike, and openings that differ, alone', () => {
    const { kb: base, locate } = kb(['a', 'b', 'c'].map((x) => closing(`pn.${x}`, 'Thông báo mới nhất: passerellesnumeriques.org')));
    expect(findStockPhrases(base, locate)).toEqual([]);
  });

  it('lists an opening shared by more than 3 answers', () => {
    const { kb: base, locate } = kb(['a', 'b', 'c', 'd'].map((x) => ({ id: `pn.${x}`, vi: `Theo thông tin năm 2024, ${x} khác nhau ở đây.`, en: `${x} answers its question.` })));
    expect(findStockPhrases(base, locate).map((f) => [f.code, f.params.phrase])).toEqual([['stockOpening', 'theo thông tin']]);
  });
});

describe('the shipped knowledge base on 3 December 2026', () => {
  it('speaks of no passed date as coming, keeps validUntil before what is still to come, and has no stock phrases', async () => {
    const report = await checkContent({ knowledgeDir: path.join(ROOT, 'knowledge'), displayRoot: ROOT, now: TODAY });
    expect(report.findings.filter((f) => ['pastAsComing', 'validAfterComing', 'stockOpening', 'stockClosing'].includes(f.code))).toEqual([]);
  });
});

describe('YAML mistakes in plain words', () => {
  const folder = (text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-yaml-'));
    writeFileSync(path.join(dir, 'pn.yaml'), text);
    return dir;
  };
  const entry = (alternates: string, answerVi = '"Trả lời"') => `area: pn
entries:
  - id: pn.fee
    question: { vi: "Học phí bao nhiêu?", en: "How much is it?" }
    alternates:
      vi:
${alternates}
      en: ["fee"]
    answer:
      vi: ${answerVi}
      en: Free
`;

  it.each([
    ['colon', entry('        - Học phí: bao nhiêu vậy?'), 7],
    ['hash', entry('        - # học phí'), 7],
    ['hash', entry('        - "phí"', '# xem trang PN'), 10],
  ])('a %s in a text without quotes is told for what it is, in both languages', async (context, text, line) => {
    const report = await checkContent({ knowledgeDir: folder(text), displayRoot: ROOT, now: TODAY });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.code, f.params.context, f.line])).toEqual([['load', context, line]]);
    for (const t of [vi, en]) expect(findingMessage(errors[0] as Finding, t)).toBe(t(`check.load_${context}`, { line }));
    // Not the schema's English ("item 1 should be a text") for Vietnamese staff.
    expect(findingMessage(errors[0] as Finding, vi)).not.toMatch(/should be/);
  });

  it('other schema problems are worded in Vietnamese too, items included', async () => {
    const report = await checkContent({ knowledgeDir: folder(entry('        - 12')), displayRoot: ROOT, now: TODAY });
    const [error] = report.findings.filter((f) => f.severity === 'error');
    expect(error?.params).toMatchObject({ context: 'text', field: 'item 1' });
    expect(findingMessage(error as Finding, vi)).toBe(vi('check.load_text', { field: vi('field.item', { n: 1 }) }));
  });

  it('an unclosed quote is shown on the line where it opens, naming where the reading stopped', () => {
    const result = parseYaml('f.yaml', 'a:\n  vi: "Hello\n  en: x\nb: 1\n', knowledgeFileSchema);
    const [finding] = syntaxFindings(result.ok ? [] : result.problems);
    expect(finding?.line).toBe(2);
    expect(finding?.params).toMatchObject({ context: 'quote', line: 2 });
    for (const t of [vi, en]) expect(findingMessage(finding as Finding, t)).toContain(t('check.syntax_quote', { line: 2, noticed: finding?.params.noticed ?? 0 }));
  });
});
