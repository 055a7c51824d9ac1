import fc from 'fast-check';
import { askingPart, askingSentences } from '../../../src/core/language/asking-part';

describe('askingPart: the question in a long message', () => {
  it('drops the story before the first asking sentence', () => {
    const part = askingPart('Em ở Gia Lai. Nhà em có bốn anh em, bố mẹ làm rẫy. Cho em hỏi học bổng có gồm tiền ăn không ạ?');
    expect(part).toEqual({ text: 'Cho em hỏi học bổng có gồm tiền ăn không ạ?', trimmed: true });
  });

  it('finds the asking phrase inside one long sentence, typed without accents', () => {
    const part = askingPart('e nam nay 19t nha o quang binh, ba me lam ruong cho e hoi pn co nhan hs da tot nghiep 1 nam ko');
    expect(part.trimmed).toBe(true);
    expect(part.text.startsWith('cho e hoi')).toBe(true);
  });

  it('reads an English question after a story', () => {
    const part = askingPart('My daughter is 18 and finished school in June. She loves computers. How long does the programme last?');
    expect(part.text).toBe('How long does the programme last?');
  });

  it('keeps a short question whole', () => {
    expect(askingPart('học phí bao nhiêu')).toEqual({ text: 'học phí bao nhiêu', trimmed: false });
    expect(askingPart('What is PN?')).toEqual({ text: 'What is PN?', trimmed: false });
  });

  it('keeps a question asked first, with another after it', () => {
    const message = 'What is the tuition fee? I want to know about the scholarship too.';
    expect(askingPart(message)).toEqual({ text: message, trimmed: false });
    expect(askingSentences(message)).toEqual(['What is the tuition fee?', 'I want to know about the scholarship too.']);
  });

  it('does not take a polite statement ending in "ạ" for a question', () => {
    expect(askingPart('Em chào anh chị ạ. Nhà em ở Quảng Trị. Học phí bao nhiêu?')).toEqual({ text: 'Học phí bao nhiêu?', trimmed: true });
  });

  it('reads a question without a question mark that ends politely ("… bao lâu vậy ad", "… nào vậy ạ")', () => {
    const part = askingPart('Nha em o xa lam, ba me lam ray. Qua trinh tuyen chon keo dai bao lau vay ad. Em cam on a.');
    expect(part).toEqual({ text: 'Qua trinh tuyen chon keo dai bao lau vay ad. Em cam on a.', trimmed: true });
    expect(askingSentences('Em ở Huế. Học bổng gồm những khoản nào vậy ạ')).toEqual(['Học bổng gồm những khoản nào vậy ạ']);
  });

  it('finds asking phrases as whole words only', () => {
    expect(askingPart('Tôi xem hỏi đáp trên mạng rồi mà chưa rõ lắm').trimmed).toBe(false);
  });

  it('never throws, and a trimmed part is the end of the message', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Em ở Huế.', 'nhà nghèo', 'cho em hỏi', 'học phí bao nhiêu', '?', ' ', 'é\u0301', 'xin hỏi', 'What is PN', '.'), { maxLength: 12 }), (pieces) => {
        const message = pieces.join(' ');
        const part = askingPart(message);
        if (part.trimmed) expect(message.normalize('NFC').trim().endsWith(part.text.split(' ').at(-1) ?? '')).toBe(true);
        expect(part.text.length).toBeLessThanOrEqual(message.normalize('NFC').length);
      }),
    );
  });
});
