/**
 * The staff report's numbers, clusters, HTML and CSV, on the fixture records in
 * tests/fixtures/records/sample (64 valid questions over 2026-03-03..10, one record
 * without a decision, 13 unanswered questions, 6 votes, a lead and a hand-over).
 */
import path from 'node:path';
import fc from 'fast-check';
import { buildKnowledge } from '../../src/core/knowledge/loader';
import { loadAnswerer, type KnowledgeAnswerer } from '../../src/core/knowledge/load-answerer';
import { staffTranslator } from '../../src/core/knowledge/checks';
import { EMPTY_LEXICON } from '../../src/core/language/lexicon';
import { JsonlRecordStore, type RecordKind, type StoredRecord } from '../../src/core/records';
import {
  buildReport,
  clusterQuestions,
  csvField,
  recordsToCsv,
  renderReportHtml,
  similarity,
  startOfDay,
  termWeigher,
  type ReportRecords,
} from '../../src/core/report';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = path.join(ROOT, 'tests/fixtures/records/sample');
const LOCALES = path.join(ROOT, 'locales/kbcheck');
const NOW = new Date('2026-03-11T00:00:00Z');
/** Without a knowledge base: every word weighs the same, no teencode. */
const plainTerms = termWeigher(EMPTY_LEXICON);
let termsOf = plainTerms;
let answerer: KnowledgeAnswerer;

beforeAll(async () => {
  // As `npm run report` does: the lexicon expands teencode, the knowledge base weighs words by rarity.
  answerer = await loadAnswerer({ knowledgeDir: path.join(ROOT, 'tests/fixtures/records/knowledge') });
  termsOf = termWeigher(answerer.content.lexicon, (term) => answerer.index.weightOf(term));
});

async function readSample(): Promise<ReportRecords> {
  const store = new JsonlRecordStore(SAMPLE, { onSkippedLine: () => undefined });
  const read = async (kind: RecordKind) => {
    const out: StoredRecord[] = [];
    for await (const record of store.read(kind)) out.push(record);
    return out;
  };
  return { question: await read('question'), unanswered: await read('unanswered'), feedback: await read('feedback'), lead: await read('lead'), handoff: await read('handoff') };
}

const question = (at: string, decision: string, extra: Record<string, unknown> = {}): StoredRecord => ({ id: at, kind: 'question', at, text: 'q', lang: 'vi', decision, entryId: null, confidence: 0.5, ...extra });
const empty = (): ReportRecords => ({ question: [], unanswered: [], feedback: [], lead: [], handoff: [] });

describe('report numbers', () => {
  let records: ReportRecords;
  beforeAll(async () => {
    records = await readSample();
  });

  it('counts questions by decision and language, and leaves out records without the documented fields', () => {
    const data = buildReport(records, { now: NOW, cluster: { termsOf } });
    expect(data.totals).toEqual({ questions: 64, answer: 39, suggest: 12, fallback: 13, unanswered: 13, leads: 1, handoffs: 1, up: 4, down: 2 });
    expect(data.languages).toEqual({ vi: 45, en: 19 });
    expect(data.invalid).toBe(1);
  });

  it('gives every day of the period, days without questions as zeros', () => {
    const { days } = buildReport(records, { now: NOW, cluster: { termsOf } });
    expect(days.map((day) => day.day)).toEqual(['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    expect(days[0]).toEqual({ day: '2026-03-03', answer: 4, suggest: 1, fallback: 3 });
    expect(days[4]).toEqual({ day: '2026-03-07', answer: 0, suggest: 0, fallback: 0 });
    expect(days.reduce((sum, day) => sum + day.answer + day.suggest + day.fallback, 0)).toBe(64);
  });

  it('counts days in Vietnam time and starts the chart at --since', () => {
    const data = buildReport({ ...empty(), question: [question('2026-03-05T16:59:00Z', 'answer'), question('2026-03-05T17:00:00Z', 'fallback')] }, { now: NOW, since: '2026-03-04', cluster: { termsOf } });
    expect(data.days).toEqual([
      { day: '2026-03-04', answer: 0, suggest: 0, fallback: 0 },
      { day: '2026-03-05', answer: 1, suggest: 0, fallback: 0 },
      { day: '2026-03-06', answer: 0, suggest: 0, fallback: 1 },
    ]);
    expect(startOfDay('2026-01-01', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(startOfDay('2026-01-01', 'UTC').toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('ranks entries by answers and adds the 👍/👎 of each', () => {
    const { entries } = buildReport(records, { now: NOW, cluster: { termsOf } });
    expect(entries.slice(0, 3)).toEqual([
      { entryId: 'pn.scholarship', answered: 7, up: 1, down: 2 },
      { entryId: 'ms.exam-cost', answered: 7, up: 1, down: 0 },
      { entryId: 'pn.timeline', answered: 7, up: 0, down: 0 },
    ]);
    expect(entries.find((entry) => entry.entryId === 'pn.eligibility')).toEqual({ entryId: 'pn.eligibility', answered: 6, up: 2, down: 0 });
  });
});

describe('clusters of unanswered questions', () => {
  let records: ReportRecords;
  beforeAll(async () => {
    records = await readSample();
  });

  it('groups similar questions, largest first, with up to 5 examples, masked', () => {
    const { clusters } = buildReport(records, { now: NOW, cluster: { termsOf } });
    expect(clusters.map((cluster) => cluster.size)).toEqual([5, 3, 2, 1, 1, 1]);
    expect(clusters[0].examples).toEqual([
      { text: 'Có thi chứng chỉ AWS được không ạ?', count: 2 },
      { text: 'Can I take the AWS certification?', count: 1 },
      { text: 'PN có dạy AWS không', count: 1 },
      { text: 'co thi chung chi aws ko ad', count: 1 },
    ]);
    expect(clusters[1].examples.map((example) => example.text)).toEqual(['Có chỗ để xe máy không ạ', 'co cho de xe may ko', 'để xe máy ở đâu ạ']);
    expect(clusters[2].examples.map((example) => example.text)).toEqual(['Can I work in Singapore after PN?', 'jobs in singapore after graduating']);
    const texts = clusters.flatMap((cluster) => cluster.texts).join('\n');
    expect(texts).toContain('sdt em la [phone], goi lai giup em');
    expect(texts).toContain('my email is [email], please write');
    expect(texts).not.toMatch(/0905|thu\.trang/);
  });

  it('names the nearest entry from the answerer, else from the candidates recorded', () => {
    const nearest = (text: string) => (/aws/i.test(text) ? { id: 'ms.pn-certifications', confidence: 0.5 } : undefined);
    const withFunction = buildReport(records, { now: NOW, nearest, cluster: { termsOf } });
    expect(withFunction.clusters[0].nearest).toEqual({ entryId: 'ms.pn-certifications', confidence: 0.5 });
    expect(withFunction.clusters[1].nearest).toBeUndefined();
    const withAnswerer = buildReport(records, { now: NOW, nearest: (text) => answerer.decide(text).candidates[0], cluster: { termsOf } });
    expect(withAnswerer.clusters[0].nearest?.entryId).toBe('ms.exam-cost');
    const recorded = buildReport(records, { now: NOW, cluster: { termsOf } });
    expect(recorded.clusters[0].nearest).toEqual({ entryId: 'ms.pn-certifications', confidence: 0.2 });
  });

  it('is deterministic: the order of the records does not change the clusters', () => {
    const texts = records.unanswered.map((record) => String(record.text));
    const expected = clusterQuestions(texts, { termsOf });
    fc.assert(
      fc.property(fc.shuffledSubarray(texts, { minLength: texts.length, maxLength: texts.length }), (shuffled) => {
        expect(clusterQuestions(shuffled, { termsOf })).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('joins only questions alike enough: threshold 1 keeps only same-word questions together', () => {
    const clusters = clusterQuestions(['hoc phi bao nhieu', 'Học phí bao nhiêu?', 'hoc phi bao nhieu tien', '???'], { termsOf: plainTerms, threshold: 1 });
    expect(clusters.map((cluster) => cluster.texts)).toEqual([['Học phí bao nhiêu?', 'hoc phi bao nhieu'], ['hoc phi bao nhieu tien']]);
  });

  it('reads teencode and accents through the lexicon: "co ... ko" is "có ... không ạ"', () => {
    const [accented, teencode] = ['Có chỗ để xe máy không ạ', 'co cho de xe may ko'];
    expect(similarity(termsOf(accented), termsOf(teencode))).toBeCloseTo(1, 12);
    expect(similarity(plainTerms(accented), plainTerms(teencode))).toBeLessThan(0.8);
    const texts = [accented, teencode, 'Can I work in Singapore after PN?', 'jobs in singapore after graduating'];
    expect(clusterQuestions(texts, { termsOf }).map((cluster) => cluster.size)).toEqual([2, 2]);
  });

  it('measures similarity symmetrically between 0 and 1, 1 for the same words', () => {
    const words = fc.array(fc.constantFrom('hoc', 'phi', 'aws', 'xe', 'may', 'singapore', 'the', 'pn'), { maxLength: 6 }).map((list) => list.join(' '));
    fc.assert(
      fc.property(words, words, (a, b) => {
        const [ta, tb] = [termsOf(a), termsOf(b)];
        const s = similarity(ta, tb);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(similarity(tb, ta)).toBeCloseTo(s, 12);
        if (ta.size > 0) expect(similarity(ta, ta)).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('report page', () => {
  let html: string;
  beforeAll(async () => {
    const records = await readSample();
    const { kb } = buildKnowledge([
      { name: 'ms.yaml', display: 'ms.yaml', text: 'area: ms\nentries:\n  - id: ms.pn-certifications\n    question: { vi: "PN có những chứng chỉ <b>Microsoft</b> nào?", en: "Which Microsoft certifications?" }\n    alternates: { vi: ["a"], en: ["b"] }\n    answer: { vi: "x", en: "y" }\n' },
    ]);
    const data = buildReport(records, { now: NOW, nearest: (text) => (/aws/i.test(text) ? { id: 'ms.pn-certifications', confidence: 0.5 } : undefined), cluster: { termsOf } });
    html = renderReportHtml(data, { lang: 'en', t: staffTranslator('en', LOCALES), entryQuestion: (id) => kb.byId.get(id)?.question.vi });
  });

  it('escapes user and staff text', () => {
    expect(html).toContain('please write to me about &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('PN có những chứng chỉ &lt;b&gt;Microsoft&lt;/b&gt; nào?');
  });

  it('is self-contained: no script, no external file, no link out', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('draws one bar segment per day and decision with a tooltip, and lists the clusters', () => {
    const perDay = html.slice(html.indexOf('id="per-day"'), html.indexOf('id="languages"'));
    expect(perDay.match(/<rect class="bar bar-answer"/g)).toHaveLength(6);
    expect(perDay.match(/<rect class="bar bar-fallback"/g)).toHaveLength(6);
    expect(perDay).toContain('<title>2026-03-03: 4 answered, 1 &quot;did you mean&quot;, 3 not answered</title>');
    expect(html.match(/<li class="cluster">/g)).toHaveLength(6);
    expect(html).toContain('<h3>5 question(s)</h3>');
    expect(html).toContain('Nearest existing entry (50% match): <code>ms.pn-certifications</code>');
  });

  it('speaks Vietnamese with --lang vi', () => {
    const vi = renderReportHtml(buildReport(empty(), { now: NOW, cluster: { termsOf } }), { lang: 'vi', t: staffTranslator('vi', LOCALES) });
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain('<h1>Báo cáo chatbot tuyển sinh</h1>');
    expect(vi).toContain('Không có câu hỏi nào chưa trả lời được trong khoảng thời gian này.');
  });
});

describe('CSV of leads and hand-overs', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Nguyễn Văn "Tí", An')).toBe('"Nguyễn Văn ""Tí"", An"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+84 905 123 456')).toBe('+84 905 123 456');
    expect(csvField('-5')).toBe('-5');
  });

  it('writes one row per record with a kind column and the answers flattened', async () => {
    const records = await readSample();
    const csv = recordsToCsv([...records.lead, ...records.handoff]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('kind,id,at,reference,flow,outcome,lang,answers.consent,answers.contact,answers.name,channelId,conversationId,recentQuestions,userId');
    expect(lines[1]).toBe('lead,00000000-0000-4000-8000-000000000084,2026-03-05T09:00:00.000Z,PN-7K2Q,contact,saved,vi,true,0905123456,"Nguyễn Văn ""Tí"", An",webchat,c2,,u2');
    expect(csv).toContain('handoff,00000000-0000-4000-8000-000000000085,2026-03-06T09:30:00.000Z,PN-9XW3,handoff,recorded,en,true,"\'=HYPERLINK(""http://evil"")",,msteams,c3,"Can I work in Singapore? | line one\nline two",u3\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
