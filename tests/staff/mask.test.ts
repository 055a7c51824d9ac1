/** Personal data never reaches the question log: phone numbers and emails are masked. */
import fc from 'fast-check';
import { maskPersonalData } from '../../src/core/records/mask';

const NINE_DIGITS = /\d{9,}/;
const AT_ADDRESS = /[^\s@]@[^\s@]/;

describe('maskPersonalData', () => {
  it.each([
    ['sdt em là 0905123456 ạ', 'sdt em là [phone] ạ'],
    ['goi 0905 123 456 nhe', 'goi [phone] nhe'],
    ['số 0905.123.456', 'số [phone]'],
    ['call 090-512-3456', 'call [phone]'],
    ['zalo (+84) 905 123 456 nha', 'zalo [phone] nha'],
    ['+84905123456', '[phone]'],
    ['84 905 123 456', '[phone]'],
    ['landline 0236 3 123 456', 'landline [phone]'],
    ['email em: nguyen.van.a@gmail.com, cảm ơn', 'email em: [email], cảm ơn'],
    ['(contact: <thu@pn.org>).', '(contact: <[email]>).'],
    ['Mail: Thu.Trang_99@yahoo.com.vn.', 'Mail: [email].'],
    ['email 0905123456@gmail.com', 'email [email]'],
  ])('masks %j', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each([
    'học phí năm 2026 là bao nhiêu',
    'em sinh năm 2005, lớp 12, điểm 8.5',
    'hotline 1800 1234',
    'chi phí khoảng 12.000.000 đồng',
    'hỏi @admin về học bổng',
    'giờ làm việc 8:00 - 17:00',
  ])('keeps %j as it is', (input) => {
    expect(maskPersonalData(input)).toBe(input);
  });

  it('never leaves 9 digits in a row or an @-address, whatever the text', () => {
    const piece = fc.oneof(
      fc.stringMatching(/^\d{1,12}$/),
      fc.constantFrom(' ', '  ', '.', '-', '(', ')', '+', '+84', '@', '\u00a0', '\n', ',', 'a', 'đ', 'x@y', '[', ']', '<', '>', '"', '…'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const masked = maskPersonalData(pieces.join(''));
        expect(masked).not.toMatch(NINE_DIGITS);
        expect(masked).not.toMatch(AT_ADDRESS);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent: masking masked text changes nothing', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('0', '9', ' ', '.', '@', 'a', '+') }), (text) => {
      const once = maskPersonalData(text);
      expect(maskPersonalData(once)).toBe(once);
    }));
  });
});
