/**
 * Masks personal data in free text before it is stored in the question log: email
 * addresses become "[email]" and phone numbers "[phone]".
 *
 * A phone number is any run of digits, possibly written with spaces, dots, dashes,
 * brackets or a leading "+" between groups (0905 123 456, 0905.123.456, (+84) 905-123-456,
 * 84905123456), that holds 9 or more digits in all. Vietnamese mobile numbers have 10
 * digits (9 after +84), landlines 10-11: all are caught. The price of the rule: a long
 * amount like "100.000.000" (9 digits) is masked too; shorter numbers (years, fees in
 * millions, 8-digit hotlines) are kept.
 *
 * Guarantee (tested with fast-check): the result never contains 9 or more digits in a
 * row, nor an @ with a non-space character on each side.
 */

/** A non-space, non-@ run, then one or more "@ + non-space run": a@b.c, and a@b@c whole. */
const EMAIL = /[^\s@]+(?:@[^\s@]+)+/g;

/** Digit groups joined by at most 3 separator characters (space, no-break space, . - ( ) +). */
const NUMBER = /[+(]*\d+(?:[\s\u00a0.\-()+]{1,3}\d+)*/g;

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

export function maskPersonalData(text: string): string {
  const noEmails = text.replace(EMAIL, maskEmail);
  return noEmails.replace(NUMBER, (match) => (match.replace(/\D/g, '').length >= MIN_PHONE_DIGITS ? PHONE_MASK : match));
}
