/**
 * The real knowledge base, asked the way students type. These sentences are our own
 * (not the shared eval set): they guard against regressions in normalisation and scoring.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadAnswerer, type KnowledgeAnswerer } from '../../../src/core/knowledge/load-answerer';

let answerer: KnowledgeAnswerer;
beforeAll(async () => {
  answerer = await loadAnswerer({ knowledgeDir: path.join(__dirname, '../../../knowledge') });
});

describe('answers survive how students type', () => {
  it.each([
    ['hoc bong pn co bao gom cho o ko ad', 'pn.scholarship'],
    ['how long is the PN program', 'pn.programme'],
    ['Học bổng PN có bao gồm chỗ ở không ạ', 'pn.scholarship'],
    ['hok co tien thi co hoc PN dc ko', 'pn.scholarship'],
    ['chứng chỉ AZ-900 có hết hạn ko', 'ms.expiry-renewal'],
    ['az900 co het han khong', 'ms.expiry-renewal'],
    ['thi rớt AZ 900 thì bao lâu được thi lại', 'ms.retake'],
    ['lam ky su IT o Nhat can visa gi', 'jp.visa'],
    ['xin chao', 'bot.greeting'],
    ['cam on ad nhieu', 'bot.thanks'],
    ['wat does the PN scholarship cover? do u pay for the dorm', 'pn.scholarship'],
    ['HOC BONG PN CO BAO TIEN AN HOKKK', 'pn.scholarship'],
  ])('%s -> %s', (text, expected) => {
    const decision = answerer.decide(text);
    expect({ kind: decision.kind, id: decision.entry?.id }).toEqual({ kind: 'answer', id: expected });
  });

  it('offers the right entry first for heavy shorthand it is less sure of', () => {
    const decision = answerer.decide('hb PN bao gồm những j');
    expect({ kind: decision.kind === 'fallback' ? 'fallback' : 'reachable', first: decision.candidates[0]?.id }).toEqual({ kind: 'reachable', first: 'pn.scholarship' });
  });

  it('says honestly that it does not know an off-topic question', () => {
    for (const text of ['công thức nấu phở bò', 'ai vô địch world cup 2022', 'How do I bake bread?', 'giá vàng hôm nay bao nhiêu']) {
      expect(answerer.decide(text).kind).toBe('fallback');
    }
  });

  it('does not answer about certifications or countries it has no entry for', () => {
    for (const text of ['chứng chỉ Oracle Java có hết hạn không', 'visa làm việc ở Úc cần gì']) {
      expect(answerer.decide(text).kind).not.toBe('answer');
    }
  });

  it('gives a confidence in [0, 1] and ranked candidates', () => {
    const decision = answerer.decide('PN tuyển sinh khi nào');
    expect(decision.confidence).toBeGreaterThan(0);
    expect(decision.confidence).toBeLessThanOrEqual(1);
    expect(decision.candidates.length).toBeGreaterThan(0);
  });

  it('handles empty, emoji-only and huge input without throwing', () => {
    expect(answerer.decide('').kind).toBe('fallback');
    expect(answerer.decide('👍👍👍').kind).toBe('fallback');
    expect(() => answerer.decide('học bổng '.repeat(2000))).not.toThrow();
  });
});

describe('required topics', () => {
  // tests/fixtures/topics.yaml is a copy of the project's topic list: tests never read outside the repository.
  it('every required topic id has an entry answered in both languages', () => {
    const topics = parse(readFileSync(path.join(__dirname, '../../fixtures/topics.yaml'), 'utf8')) as Record<string, Record<string, string>>;
    const required = Object.values(topics).flatMap((area) => Object.keys(area));
    expect(required.length).toBeGreaterThan(40);
    for (const id of required) {
      const entry = answerer.entry(id);
      expect({ id, vi: Boolean(entry?.answer.vi), en: Boolean(entry?.answer.en) }).toEqual({ id, vi: true, en: true });
      expect(entry?.alternates.vi.length).toBeGreaterThanOrEqual(5);
      expect(entry?.alternates.en.length).toBeGreaterThanOrEqual(5);
    }
  });
});
