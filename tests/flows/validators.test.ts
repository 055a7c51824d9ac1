/** Text validators: Vietnamese mobile numbers, email, names; examples plus properties. */
import fc from 'fast-check';
import { validateEmail, validateName, validateNonEmpty, validatePhone, validatePhoneOrEmail } from '../../src/core/flows';

describe('validatePhone', () => {
  test.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['091-234-5678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['+84 0912 345 678', '0912345678'],
    ['0356789012', '0356789012'],
    ['0561234567', '0561234567'],
    ['0701234567', '0701234567'],
    ['0861234567', '0861234567'],
    ['  0981234567  ', '0981234567'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validatePhone(input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['', 'empty'],
    ['091234567', 'nine digits'],
    ['09123456789', 'eleven digits'],
    ['0212345678', 'landline-like 02'],
    ['0112345678', 'starts 01'],
    ['0412345678', 'starts 04'],
    ['0612345678', 'starts 06'],
    ['+85512345678', 'another country'],
    ['09l2345678', 'a letter l'],
    ['0912/345/678', 'slashes'],
    ['(091) 2345678', 'parentheses'],
    ['+84 212 345 678', '+84 with a landline prefix'],
  ])('refuses %j (%s)', (input) => {
    expect(validatePhone(input)).toEqual({ ok: false, reason: 'phone' });
  });

  const mobile = fc
    .tuple(fc.constantFrom('3', '5', '7', '8', '9'), fc.array(fc.constantFrom(...'0123456789'), { minLength: 8, maxLength: 8 }))
    .map(([second, rest]) => `0${second}${rest.join('')}`);
  const separator = fc.constantFrom('', ' ', '.', '-');

  /** Writes a 10-digit number the way people do: a prefix style and separators between digits. */
  const written = fc
    .tuple(mobile, fc.constantFrom('0', '+84', '84', '+84 0'), fc.array(separator, { minLength: 9, maxLength: 9 }))
    .map(([number, prefix, seps]) => {
      // The 9 digits after the leading 0, each preceded by a separator (possibly none).
      const digits = [...number.slice(1)].map((d, i) => `${seps[i]}${d}`).join('');
      return { number, text: `${prefix}${digits}` };
    });

  test('property: any mobile number, however written, normalises to its 10-digit form', () => {
    fc.assert(
      fc.property(written, ({ number, text }) => {
        expect(validatePhone(text)).toEqual({ ok: true, value: number });
      }),
    );
  });

  test('property: normalising twice gives the same number', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const once = validatePhone(text);
        if (once.ok) expect(validatePhone(once.value)).toEqual(once);
      }),
    );
    fc.assert(
      fc.property(written, ({ text }) => {
        const once = validatePhone(text);
        expect(once.ok && validatePhone(once.value)).toEqual(once);
      }),
    );
  });

  test('property: a wrong second digit or a wrong length is always refused', () => {
    const badSecond = fc
      .tuple(fc.constantFrom('0', '1', '2', '4', '6'), fc.array(fc.constantFrom(...'0123456789'), { minLength: 8, maxLength: 8 }))
      .map(([second, rest]) => `0${second}${rest.join('')}`);
    fc.assert(fc.property(badSecond, (n) => expect(validatePhone(n).ok).toBe(false)));
    // "09" plus anything but 8 more digits is not 10 digits long.
    const wrongLength = fc.array(fc.constantFrom(...'0123456789'), { maxLength: 14 }).filter((d) => d.length !== 8);
    fc.assert(fc.property(wrongLength, (d) => expect(validatePhone(`09${d.join('')}`).ok).toBe(false)));
  });

  test('property: any accepted number has exactly the 10-digit mobile shape', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+0-9 .-]{0,18}$/), (text) => {
        const r = validatePhone(text);
        if (r.ok) expect(r.value).toMatch(/^0[35789]\d{8}$/);
      }),
    );
  });
});

describe('validateEmail', () => {
  test.each([
    ['an@example.com', 'an@example.com'],
    ['  Nguyen.Van.An@Gmail.COM ', 'nguyen.van.an@gmail.com'],
    ['a+tag@sub.domain.vn', 'a+tag@sub.domain.vn'],
  ])('accepts %j', (input, expected) => {
    expect(validateEmail(input)).toEqual({ ok: true, value: expected });
  });

  test.each(['an@', '@example.com', 'an@example', 'an example@x.com', 'an@@x.com', 'an..b@x.com', '.an@x.com', 'an@-x.com', 'an@x.c', 'ân@x.com'])(
    'refuses %j',
    (input) => {
      expect(validateEmail(input)).toEqual({ ok: false, reason: 'email' });
    },
  );

  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
  const email = fc
    .tuple(fc.stringMatching(/^[a-z0-9_+-]{1,12}(\.[a-z0-9_+-]{1,8})?$/), fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
    .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);

  test('property: well-formed addresses are accepted, in any case, and normalised to lower case', () => {
    fc.assert(
      fc.property(email, fc.boolean(), (address, shout) => {
        const typed = shout ? address.toUpperCase() : address;
        expect(validateEmail(typed)).toEqual({ ok: true, value: address });
      }),
    );
  });

  test('property: text without exactly one @ is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const ats = s.split('@').length - 1;
        if (ats !== 1) expect(validateEmail(s).ok).toBe(false);
      }),
    );
  });
});

describe('validatePhoneOrEmail', () => {
  test('an @ means an email; digits mean a phone; anything else gets the combined reason', () => {
    expect(validatePhoneOrEmail('AN@EXAMPLE.COM')).toEqual({ ok: true, value: 'an@example.com' });
    expect(validatePhoneOrEmail('+84 912 345 678')).toEqual({ ok: true, value: '0912345678' });
    expect(validatePhoneOrEmail('an@example')).toEqual({ ok: false, reason: 'email' });
    expect(validatePhoneOrEmail('0123')).toEqual({ ok: false, reason: 'phone' });
    expect(validatePhoneOrEmail('call me maybe')).toEqual({ ok: false, reason: 'phoneOrEmail' });
  });
});

describe('validateName', () => {
  test.each([
    ['Nguyễn Văn An', 'Nguyễn Văn An'],
    ['  nguyen   van  an ', 'nguyen van an'],
    ["O'Brien-Smith Jr.", "O'Brien-Smith Jr."],
    ['Hồ Thị Ánh Tuyết', 'Hồ Thị Ánh Tuyết'],
  ])('accepts %j', (input, expected) => {
    expect(validateName(input)).toEqual({ ok: true, value: expected });
  });

  test('decomposed Vietnamese (NFD) is stored composed (NFC)', () => {
    const r = validateName('Nguyễn'.normalize('NFD'));
    expect(r).toEqual({ ok: true, value: 'Nguyễn'.normalize('NFC') });
  });

  test.each(['A', '12345', 'An 2k7', 'an@example.com', '0912345678', 'a b c d e f g h', '-An', 'x'.repeat(101)])('refuses %j', (input) => {
    expect(validateName(input)).toEqual({ ok: false, reason: 'name' });
  });

  test('property: names never contain digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = validateName(s);
        if (r.ok) expect(r.value).not.toMatch(/\d/);
      }),
    );
  });
});

test('validateNonEmpty trims and refuses blank text', () => {
  expect(validateNonEmpty('  hi ')).toEqual({ ok: true, value: 'hi' });
  expect(validateNonEmpty(' \n ')).toEqual({ ok: false, reason: 'empty' });
});
