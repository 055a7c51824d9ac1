import { detectLanguage } from '../../../src/core/language/detect';

describe('detectLanguage', () => {
  it.each(['Học bổng PN gồm những gì?', 'đc ko ad', 'chào bạn'])('is sure of Vietnamese letters: %s', (text) => {
    expect(detectLanguage(text)).toEqual({ lang: 'vi', sure: true });
  });

  it.each(['hoc bong pn co bao gom cho o khong', 'em muon dang ky vao truong thi lam the nao', 'thi chung chi microsoft het bao nhieu tien', 'nhat ban can tieng nhat trinh do nao'])(
    'recognises Vietnamese typed without accents: %s',
    (text) => {
      expect(detectLanguage(text).lang).toBe('vi');
      expect(detectLanguage(text).sure).toBe(true);
    },
  );

  it.each(['How long is the PN program?', 'What does the scholarship cover?', 'Do I need to know Japanese before applying?', 'What kind of organisation is Passerelles numériques?'])(
    'recognises English: %s',
    (text) => {
      expect(detectLanguage(text)).toEqual({ lang: 'en', sure: true });
    },
  );

  it('is unsure when there are no words', () => {
    expect(detectLanguage('👍👍 ???')).toEqual({ lang: null, sure: false });
    expect(detectLanguage('')).toEqual({ lang: null, sure: false });
  });

  it('is unsure of a lone word that is both languages', () => {
    expect(detectLanguage('ok').sure).toBe(false);
  });
});
