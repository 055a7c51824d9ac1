import fc from 'fast-check';
import { containsPhrase, foldPhrase } from '../../src/core/language/fold';
import { foldDiacritics } from '../../src/core/language/normalize';

// Both functions take shorter paths than their definitions (below): the results must not change.
describe('foldPhrase', () => {
  const byDefinition = (text: string) =>
    foldDiacritics(text.normalize('NFC').toLowerCase())
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  it('folds any text as the full Unicode path does', () => {
    const latin = fc.string({ unit: fc.oneof(fc.integer({ min: 0, max: 0x24f }), fc.integer({ min: 0x1e00, max: 0x1eff }), fc.integer({ min: 0, max: 0xffff })).map((code) => String.fromCharCode(code)), maxLength: 30 });
    const texts = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), latin);
    fc.assert(fc.property(texts, (text) => foldPhrase(text) === byDefinition(text)), { numRuns: 10000 });
    expect(foldPhrase('  Tiếng VIỆT!! ')).toBe('tieng viet');
    expect(foldPhrase('Menu?? AZ-900')).toBe('menu az 900');
  });
});

describe('containsPhrase', () => {
  const byDefinition = (folded: string, phrase: string) => phrase !== '' && ` ${folded} `.includes(` ${phrase} `);

  it('finds a phrase as whole words exactly when the padded text holds the padded phrase', () => {
    const words = fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 12 });
    fc.assert(fc.property(words, words, (folded, phrase) => containsPhrase(folded, phrase) === byDefinition(folded, phrase)), { numRuns: 20000 });
    expect(containsPhrase('em muon de lai so', 'de lai')).toBe(true);
    expect(containsPhrase('em muon dede lai', 'de lai')).toBe(false);
  });
});
