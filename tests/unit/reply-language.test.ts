import { chooseReplyLanguage, langFromLocale } from '../../src/core/conversation/reply-language';

describe('reply language', () => {
  it('reads vi and en locales, and ignores anything else a client may send', () => {
    expect(langFromLocale('vi-VN')).toBe('vi');
    expect(langFromLocale(' EN-us ')).toBe('en');
    expect(langFromLocale('fr-FR')).toBeUndefined();
    expect(langFromLocale(42)).toBeUndefined();
    expect(langFromLocale({ lang: 'en' })).toBeUndefined();
  });

  it('prefers a sure detection, then the stored choice, then the locale, then Vietnamese', () => {
    expect(chooseReplyLanguage({ message: { language: { lang: 'en', sure: true } }, preferred: 'vi', locale: 'vi-VN' })).toBe('en');
    expect(chooseReplyLanguage({ message: { language: { lang: 'en', sure: false } }, preferred: 'vi', locale: 'en-US' })).toBe('vi');
    expect(chooseReplyLanguage({ locale: 'en-US' })).toBe('en');
    expect(chooseReplyLanguage({})).toBe('vi');
    // An answer typed into a form says nothing of the language wanted.
    expect(chooseReplyLanguage({ message: { language: { lang: 'en', sure: true } }, inForm: true, preferred: 'vi' })).toBe('vi');
  });
});
