/**
 * Masks personal data in free text before it is stored in the question log: email
 * addresses become "[email]" and phone numbers "[phone]".
 *
 * A phone number is any run of digits, possibly written with spaces, dots, dashes,
 * brackets or a leading "+" between groups (0905 123 456, 0905.123.456, (+84) 905-123-456,
 * 84905123456, 0912_345_678, 0912/345/678, 0912,345,678, full-width digits), that holds 9
 * or more digits in all. Vietnamese mobile numbers have 10
 * digits (9 after +84), landlines 10-11: all are caught. The price of the rule: a long
 * amount like "100.000.000" (9 digits) is masked too; shorter numbers (years, fees in
 * millions, 8-digit hotlines) are kept.
 *
 * Guarantee (tested with fast-check): the result never contains 9 or more digits in a
 * row, nor an @ with a non-space character on each side.
 */

/** A non-space, non-@ run, then one or more "@ + non-space run": a@b.c, and a@b@c whole. */
const EMAIL = /[^\s@]+(?:@[^\s@]+)+/g;

/**
 * Addresses written to dodge a filter, or typed loosely on a phone: "an @ example.com",
 * "an(at)example.com", "an [at] example.com", a full-width "＠". The domain must have a
 * dot, so "hỏi @admin" stays.
 */
const LOOSE_EMAIL = /[\p{L}\p{N}._%+-]+\s*(?:[@＠]|[([]\s*at\s*[)\]])\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;

/**
 * Digit groups (any script's digits: full-width ０９１２ too) joined by at most 3 separator
 * characters (space, no-break space, . - _ / ( ) +, their full-width forms) or by one comma
 * with no space (0912,345,678; "2019, 2020" is a list, not a number).
 */
const NUMBER = /[+(\uFF0B\uFF08]*\p{Nd}+(?:(?:[\s\u00a0.\-()+_/\uFF0E\uFF0D\uFF3F\uFF0F\uFF08\uFF09\uFF0B\u2010-\u2015]{1,3}|,)\p{Nd}+)*/gu;

const MIN_PHONE_DIGITS = 9;

export const EMAIL_MASK = '[email]';
export const PHONE_MASK = '[phone]';

/** Punctuation around an address that belongs to the sentence: "(a@b.vn)," keeps "(" and "),". */
const LEADING = /^[(<"'[“‘]+/;
const TRAILING = /[.,;:!?)>\]"'”’…]+$/;

function maskEmail(match: string): string {
  const before = LEADING.exec(match)?.[0] ?? '';
  const after = TRAILING.exec(match.slice(before.length))?.[0] ?? '';
  return `${before}${EMAIL_MASK}${after}`;
}

function maskNumber(match: string): string {
  return match.replace(/\P{Nd}/gu, '').length >= MIN_PHONE_DIGITS ? PHONE_MASK : match;
}

export function maskPersonalData(text: string): string {
  const noEmails = text.replace(LOOSE_EMAIL, EMAIL_MASK).replace(EMAIL, maskEmail);
  return noEmails.replace(NUMBER, maskNumber);
}
