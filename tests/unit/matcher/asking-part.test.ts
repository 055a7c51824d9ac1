import fc from 'fast-check';
import { askingPart } from '../../../src/core/language/asking-part';

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

  it('never throws and always returns text from the message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (message) => {
        const part = askingPart(message);
        expect(message.normalize('NFC').includes(part.text) || part.text === message.normalize('NFC').trim() || part.text.length <= message.length).toBe(true);
      }),
    );
  });
});
