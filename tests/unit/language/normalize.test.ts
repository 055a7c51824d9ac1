import fc from 'fast-check';
import { foldDiacritics, hasVietnameseOnlyLetters, normalizeVietnamese, tokenize, unifyTonePlacement } from '../../../src/core/language/normalize';

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

describe('foldDiacritics', () => {
  it('removes tones and vowel marks and maps đ to d', () => {
    expect(foldDiacritics('Đăng ký học bổng được không')).toBe('Dang ky hoc bong duoc khong');
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

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => typeof normalizeVietnamese(text) === 'string'));
  });

  it('folding is stable and leaves no combining marks', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), vietnameseish), (text) => {
        const folded = foldDiacritics(text);
        return foldDiacritics(folded) === folded && !/[\u0300-\u036f]/.test(folded.normalize('NFD')) && !/[đĐ]/.test(folded);
      }),
    );
  });

  it('folding after normalising equals normalising after folding, up to case', () => {
    fc.assert(fc.property(vietnameseish, (text) => foldDiacritics(normalizeVietnamese(text)) === normalizeVietnamese(foldDiacritics(text))));
  });
});
