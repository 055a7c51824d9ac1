/**
 * The real lexicon (knowledge/lexicon.yaml) reads shorthand without eating ordinary words:
 * "ty" is "thank you" alone, but "công ty" stays a company and "tỷ lệ" a rate.
 */
import path from 'node:path';
import { analyzeText } from '../../../src/core/language/analyze';
import { loadKnowledge, type LoadedKnowledge } from '../../../src/core/knowledge/loader';

let content: LoadedKnowledge;
beforeAll(async () => {
  content = await loadKnowledge(path.join(__dirname, '../../../knowledge'));
});

const terms = (text: string): string[] => analyzeText(text, content.lexicon).allTerms;

describe('the real lexicon', () => {
  it('reads "ty" alone as thanks', () => {
    expect(terms('ok ty')).toContain('thank');
  });

  it('keeps "công ty" and "tỷ lệ", typed with or without accents', () => {
    for (const text of ['công ty Nhật', 'cong ty nhat', 'tỷ lệ đậu', 'ty le dau']) expect(terms(text)).not.toContain('thank');
    expect(terms('công ty Nhật')).toContain('cong');
  });
});
