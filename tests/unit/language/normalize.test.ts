import fc from 'fast-check';
import { fold } from '../../../src/core/language/fold';
import { collapseLetterByLetter, collapseStretchedLetters, hasVietnameseOnlyLetters, normalizeVietnamese, toNfc, tokenize, unifyToneLetterByLetter, unifyTonePlacement } from '../../../src/core/language/normalize';

describe('normalizeVietnamese', () => {
  it('gives one form for both tone-placement styles at the end of a syllable', () => {
    expect(normalizeVietnamese('hòa')).toBe(normalizeVietnamese('hoà'));
    expect(normalizeVietnamese('Sức khỏe')).toBe(normalizeVietnamese('sức khoẻ'));
    expect(normalizeVietnamese('thủy')).toBe(normalizeVietnamese('thuỷ'));
  });

  it('leaves syllables whose mark is placed the same in both styles alone', () => {
    expect(unifyTonePlacement('hoàn')).toBe('hoàn');
    expect(unifyTonePlacement('quý')).toBe('quý');
    expect(unifyTonePlacement('người')).toBe('người');
  });

  it('maps the Icelandic eth some keyboards send to Đ and lowercases', () => {
    expect(normalizeVietnamese('ÐĂNG KÝ')).toBe('đăng ký');
  });

  it('joins Microsoft exam codes however they are typed', () => {
    expect(tokenize(normalizeVietnamese('thi AZ-900 hay az 900 hay Az900'))).toEqual(['thi', 'az900', 'hay', 'az900', 'hay', 'az900']);
  });

  it('composes decomposed (NFD) input the same as NFC', () => {
    expect(normalizeVietnamese('học bổng'.normalize('NFD'))).toBe(normalizeVietnamese('học bổng'));
  });
});

describe('collapseStretchedLetters', () => {
  it('collapses a letter typed three or more times, accents or not', () => {
    expect(normalizeVietnamese('hokkk nhaaa ạaa hiii')).toBe('hok nha ạ hi');
  });

  it('keeps real double letters', () => {
    expect(normalizeVietnamese('Hello cooperation "xoong"')).toBe('hello cooperation "xoong"');
  });
});

describe('tokenize', () => {
  it('drops punctuation and emoji', () => {
    expect(tokenize('hb 👍 pn??? có ko!!!')).toEqual(['hb', 'pn', 'có', 'ko']);
  });
});

describe('hasVietnameseOnlyLetters', () => {
  it('is sure for Vietnamese letters but not for French accents', () => {
    expect(hasVietnameseOnlyLetters('học bổng')).toBe(true);
    expect(hasVietnameseOnlyLetters('đi')).toBe(true);
    expect(hasVietnameseOnlyLetters('Passerelles numériques')).toBe(false);
  });
});

describe('normalisation properties', () => {
  const vietnameseish = fc.string({ unit: fc.constantFrom(...'aăâeêioôơuưyđAĂÂĐ àáảãạèéẻẽẹòóỏõọùúủũụỳýỷỹỵ hoaeuy-9'.split('')), maxLength: 30 });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), vietnameseish), (text) => normalizeVietnamese(normalizeVietnamese(text)) === normalizeVietnamese(text)));
  });

  // Plain lower-case ASCII words skip the per-word steps: the result must not change.
  it('gives what the per-word steps give on every word', () => {
    const everyWord = (text: string) =>
      toNfc(text).toLowerCase().replace(/\b([a-z]{2})[\s-]?(\d{3})\b/g, '$1$2').replace(/\p{L}+/gu, (word) => unifyTonePlacement(collapseStretchedLetters(word)));
    const typed = fc.string({ unit: fc.constantFrom(...'aaabcoOKkkhhhiIyY đĐàáạ-9 .'.split('')), maxLength: 30 });
    fc.assert(fc.property(fc.oneof(typed, vietnameseish, fc.string()), (text) => normalizeVietnamese(text) === everyWord(text)), { numRuns: 3000 });
  });

  // unifyTonePlacement and collapseStretchedLetters return early when nothing can change (an
  // ending other than oa/oe/uy, no letter typed three times): they must give what their
  // letter-by-letter rules give, for Vietnamese words and for anything else.
  it('returns early only where the letter-by-letter rules change nothing', () => {
    const letters = fc.constantFrom(...'qQhoOaAeEuUyYóòỏõọÓáàảãạéèẻẽẹúùủũụýỳỷỹỵôơưăâêđĐǄİß'.split(''), '\u0301', '\u0323', '\u0302', '𝐀', 'ﬁ');
    const words = fc.oneof(fc.string({ unit: letters, maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(words, (word) => unifyTonePlacement(word) === unifyToneLetterByLetter(word) && collapseStretchedLetters(word) === collapseLetterByLetter(word)),
      // Letters that fold to two letters, or lower-case to two code units, tripled.
      { numRuns: 5000, examples: [['ǄǄǄ'], ['İİİ'], ['hòaaa'], ['THUỶ'], ['quý']] },
    );
  });

  // collapseStretchedLetters relies on this to compare a folded word letter by letter.
  it('folds and lower-cases every letter of the table to one code unit', () => {
    const changed: string[] = [];
    for (const [first, last] of [[0, 0x24f], [0x1e00, 0x1eff]]) {
      for (let code = first; code <= last; code++) {
        const letter = String.fromCharCode(code);
        if (fold(letter).length !== 1) changed.push(letter);
      }
    }
    expect(changed).toEqual([]);
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => typeof normalizeVietnamese(text) === 'string'));
  });

  it('folding is stable and leaves no combining marks', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), vietnameseish), (text) => {
        const folded = fold(text);
        return fold(folded) === folded && !/[\u0300-\u036f]/.test(folded.normalize('NFD')) && !/[đĐ]/.test(folded);
      }),
    );
  });

  it('folding after normalising equals normalising after folding, up to case', () => {
    fc.assert(fc.property(vietnameseish, (text) => fold(normalizeVietnamese(text)) === normalizeVietnamese(fold(text))));
  });
});
