import fc from 'fast-check';
import { containsPhrase, fold, foldPhrase } from '../../src/core/language/fold';

/** The definition of `fold`: each character of the NFC text lower-cased, decomposed, marks and đ dropped, kept to its length. */
const foldByDefinition = (text: string) =>
  Array.from(text.normalize('NFC'), (character) => {
    const folded = character.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đð]/g, 'd').normalize('NFC');
    return folded.length >= character.length ? folded.slice(0, character.length) : folded.padEnd(character.length, ' ');
  }).join('');

const latinOrNot = fc.oneof(
  fc.integer({ min: 0, max: 0x24f }),
  fc.integer({ min: 0x1e00, max: 0x1eff }),
  fc.integer({ min: 0x300, max: 0x36f }),
  fc.integer({ min: 0x1100, max: 0x1175 }),
  fc.integer({ min: 0, max: 0xffff }),
);
const texts = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: latinOrNot.map((code) => String.fromCharCode(code)), maxLength: 30 }),
);

describe('fold', () => {
  it('removes tones and vowel marks, maps đ to d and lower-cases', () => {
    expect(fold('Đăng ký học bổng được không')).toBe('dang ky hoc bong duoc khong');
    expect(fold('ÐỨC')).toBe('duc');
  });

  // The fast paths (ASCII, Latin letters from a table) give what the definition gives, for any mix of characters.
  it('folds as its definition, one code unit for each of the NFC text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const folded = fold(text);
        return folded === foldByDefinition(text) && folded.length === text.normalize('NFC').length;
      }),
      { numRuns: 10000, examples: [['İstanbul'], ['a\u0308\u0301x'], ['hoa\u0300'], ['𝐀b'], ['\ud800x']] },
    );
  });
});

describe('foldPhrase', () => {
  it('is the fold\'s letters and digits, single-spaced', () => {
    const byDefinition = (text: string) => foldByDefinition(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
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
