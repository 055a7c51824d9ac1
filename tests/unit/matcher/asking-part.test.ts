import fc from 'fast-check';
import { fold } from '../../../src/core/language/fold';
import { askingPart, askingSentences, withoutAskingPhrase } from '../../../src/core/language/asking-part';

describe('askingPart: the question in a long message', () => {
  it('drops the story before the first asking sentence', () => {
    const part = askingPart('Em ở Gia Lai. Nhà em có bốn anh em, bố mẹ làm rẫy. Cho em hỏi học bổng có gồm tiền ăn không ạ?');
    // A question under twelve words takes the sentence before it along (see below).
    expect(part).toMatchObject({ text: 'Nhà em có bốn anh em, bố mẹ làm rẫy. Cho em hỏi học bổng có gồm tiền ăn không ạ?', trimmed: true });
  });

  it('finds the asking phrase inside one long sentence, typed without accents', () => {
    const part = askingPart('e nam nay 19t nha o quang binh, ba me lam ruong cho e hoi pn co nhan hs da tot nghiep 1 nam ko');
    expect(part.trimmed).toBe(true);
    expect(part.text.startsWith('cho e hoi')).toBe(true);
  });

  it('keeps the sentence before a short question, which says what it is about', () => {
    const part = askingPart('Em ở Huế. Nghe nói Microsoft cho sinh viên dùng đám mây miễn phí. Cần điều kiện gì ạ?');
    expect(part).toMatchObject({ text: 'Nghe nói Microsoft cho sinh viên dùng đám mây miễn phí. Cần điều kiện gì ạ?', trimmed: true });
  });

  it('reads an English question after a story', () => {
    const part = askingPart('My daughter is 18 and finished school in June. She loves computers. How long does the programme last?');
    expect(part.text).toBe('She loves computers. How long does the programme last?');
  });

  it('keeps a short question whole', () => {
    expect(askingPart('học phí bao nhiêu')).toMatchObject({ text: 'học phí bao nhiêu', trimmed: false });
    expect(askingPart('What is PN?')).toMatchObject({ text: 'What is PN?', trimmed: false });
  });

  it('keeps a question asked first, with another after it', () => {
    const message = 'What is the tuition fee? I want to know about the scholarship too.';
    expect(askingPart(message)).toMatchObject({ text: message, trimmed: false });
    expect(askingSentences(message)).toEqual(['What is the tuition fee?', 'I want to know about the scholarship too.']);
  });

  it('does not take a polite statement ending in "ạ" for a question', () => {
    // (A question this short takes the sentence before it along: see below.)
    expect(askingPart('Em chào anh chị ạ. Nhà em ở Quảng Trị. Học phí bao nhiêu?')).toMatchObject({ text: 'Nhà em ở Quảng Trị. Học phí bao nhiêu?', trimmed: true });
  });

  it('reads a question without a question mark that ends politely ("… bao lâu vậy ad", "… nào vậy ạ")', () => {
    const part = askingPart('Nha em o xa lam, ba me lam ray. Qua trinh tuyen chon keo dai bao lau vay ad. Em cam on a.');
    expect(part).toMatchObject({ text: 'Qua trinh tuyen chon keo dai bao lau vay ad. Em cam on a.', trimmed: true });
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
        // The fold it carries is its text's, position for position.
        if (part.folded !== undefined) expect(part.folded).toBe(fold(part.text));
      }),
    );
  });
});

describe('withoutAskingPhrase: the question without the words that introduce it', () => {
  it('leaves out "tôi muốn hỏi", "cho em hỏi là", "I wanted to ask:" at the start, after a greeting', () => {
    expect(withoutAskingPhrase('Tôi muốn hỏi học ở PN mất mấy năm?')).toBe('học ở PN mất mấy năm?');
    expect(withoutAskingPhrase('Dạ em chào ad, cho em hỏi là học bổng gồm gì')).toBe('học bổng gồm gì');
    expect(withoutAskingPhrase('Hi, I wanted to ask: is the dorm free?')).toBe('is the dorm free?');
  });

  it('keeps a question that has no asking phrase at its start, or nothing after it', () => {
    expect(withoutAskingPhrase('What is PN? I want to know more')).toBe('What is PN? I want to know more');
    expect(withoutAskingPhrase('cho em hỏi')).toBe('cho em hỏi');
    expect(withoutAskingPhrase('học phí bao nhiêu')).toBe('học phí bao nhiêu');
  });
});
