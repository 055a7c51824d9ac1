/** Button titles shortened for Teams: never longer than asked, never cut inside a word. */
import fc from 'fast-check';
import { shortenAtWord } from '../../src/bot/button-title';

describe('shortenAtWord', () => {
  it('keeps a title that fits, with its spaces tidied', () => {
    expect(shortenAtWord('  Ai có thể   đăng ký vào PN? ', 40)).toBe('Ai có thể đăng ký vào PN?');
  });

  it('cuts a long question after a whole word and marks the cut', () => {
    expect(shortenAtWord('Quy trình tuyển chọn của PN gồm những bước nào?', 30)).toBe('Quy trình tuyển chọn của PN…');
    expect(shortenAtWord('Which Microsoft certification should I start with?', 40)).toBe('Which Microsoft certification should I…');
  });

  it('drops punctuation left before the ellipsis', () => {
    expect(shortenAtWord('Scholarship, housing, and meals: what is covered?', 22)).toBe('Scholarship, housing…');
  });

  it('never exceeds the limit and ends on a whole word of the original', () => {
    const word = fc.stringMatching(/^[a-zđ0-9?àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 15 }), fc.integer({ min: 14, max: 60 }), (words, max) => {
        const text = words.join(' ');
        const short = shortenAtWord(text, max);
        expect(short.length).toBeLessThanOrEqual(max);
        if (short === text) return;
        expect(short.endsWith('…')).toBe(true);
        const kept = short.slice(0, -1).split(' ');
        // Every kept word is a whole word of the original, in order (a first word longer than the room is the exception).
        if (words[0].length < max - 1) expect(kept).toEqual(words.slice(0, kept.length));
      }),
    );
  });
});
