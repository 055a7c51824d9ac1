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

// Issue 11: formats that were stored unmasked before (each failed before the fix).
describe('maskPersonalData: formats students also type', () => {
  it.each([
    ['sdt 0912_345_678 nha', 'sdt [phone] nha'],
    ['sdt 0912/345/678', 'sdt [phone]'],
    ['sdt 0912,345,678 ạ', 'sdt [phone] ạ'],
    ['số em ０９１２３４５６７８', 'số em [phone]'],
    ['số em ０９１２ ３４５ ６７８', 'số em [phone]'],
    ['mail an @ example.com nhé', 'mail [email] nhé'],
    ['mail an(at)example.com', 'mail [email]'],
    ['mail an [at] example.com.vn', 'mail [email]'],
    ['mail an＠example.com', 'mail [email]'],
  ])('masks %j', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each(['hỏi @ admin về học bổng', 'ngày 12/05/2026'])('keeps %j', (input) => {
    expect(maskPersonalData(input)).toBe(input);
  });

  it('leaves no 9 digits of any script together, whatever separators join them', () => {
    const digit = fc.constantFrom('0', '9', '５', '０', '٣');
    const separator = fc.constantFrom(' ', '_', '/', ',', '.', '-', '－', '．', '\u00a0');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(digit, { minLength: 1, maxLength: 4 }), separator), { minLength: 3, maxLength: 6 }), (groups) => {
        const text = groups.map(([digits, sep]) => digits.join('') + sep).join('');
        expect(maskPersonalData(text).replace(/[\s_/,.\-－．]/g, '')).not.toMatch(/\p{Nd}{9,}/u);
      }),
    );
  });
});
