/**
 * Masks personal data in free text before it is stored in the question log: email
 * addresses become "[email]" and phone numbers "[phone]".
 *
 * The text is normalised first, so a filter cannot be dodged with look-alikes: NFKC
 * (full-width ０９１２, ＠ and ． become 0912, @ and .) and every zero-width or other
 * invisible format character removed (U+200B, U+200D, U+2060, U+FEFF, the soft hyphen...).
 * The stored text is the normalised one.
 *
 * A phone number is any run of digits (any script's) whose groups are joined by up to
 * 10 characters that are neither letters nor digits (spaces, . - _ / , · • ( ) +, runs
 * like " - - - ", anything else), holding 9 or more digits in all. Vietnamese mobile
 * numbers have 10 digits (9 after +84), landlines 10-11: all are caught, whatever is put
 * between the digits. The price of the rule: a long amount like "100.000.000" (9 digits)
 * or a list of numbers "2019, 2020, 2021" reads "[phone]"; shorter numbers (years, fees in
 * millions, 8-digit hotlines, dates) are kept.
 *
 * An address is masked in its usual form (a@b.c) and written loosely or spelled out:
 * "an @ example.com", "an(at)example.com", "an [at] example . com", "an at example dot
 * com", "an a còng gmail chấm com". The domain must have a dot, so "hỏi @admin" stays.
 *
 * Guarantee (tested with fast-check): the result never contains 9 or more digits joined
 * by separators, nor an @ with a non-space character on each side.
 */

/** Zero-width and other invisible characters: format characters and the default-ignorable ones (variation selectors, fillers). */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * A non-space, non-@ run, then one or more "@ + non-space run": a@b.c, and a@b@c whole. It
 * starts only where a word starts, so a long word without "@" is read once, not once per
 * character (20,000 characters took 1.5 s).
 */
const EMAIL = /(?<![^\s@])[^\s@]+(?:@[^\s@]+)+/g;

/** "@" loosely: with spaces, in brackets, or spelled out (English "at", Vietnamese "a còng"). */
const AT_WORD = String.raw`(?:at|a\s?c[oò]ng)`;
const AT = String.raw`(?:\s*@\s*|\s*[(\[]\s*${AT_WORD}\s*[)\]]\s*|\s+${AT_WORD}\s+)`;
/** "." in a domain (or the ideographic "。" of a CJK keyboard): bare, with a space on both sides, in brackets, or spelled out ("dot", Vietnamese "chấm"). */
const DOT_WORD = String.raw`(?:dot|ch[aấ]m)`;
const DOT = String.raw`(?:[.。]|\s+[.。]\s+|\s*[(\[]\s*${DOT_WORD}\s*[)\]]\s*|\s+${DOT_WORD}\s+)`;
const DOMAIN_LABEL = String.raw`[a-z0-9](?:[a-z0-9-]*[a-z0-9])?`;

const LOCAL_PART = String.raw`(?<![\p{L}\p{N}_%+.-])[\p{L}\p{N}_%+-]{1,64}(?:\.[\p{L}\p{N}_%+-]{1,64}){0,4}`;

/**
 * Addresses written to dodge a filter, or typed loosely on a phone. Parts are bounded (a local
 * part starts where a word starts and has at most 64 characters) so a long message costs
 * linear time, not quadratic.
 */
const LOOSE_EMAIL = new RegExp(String.raw`${LOCAL_PART}${AT}${DOMAIN_LABEL}(?:${DOT}${DOMAIN_LABEL})*${DOT}[a-z]{2,}\b`, 'giu');

/** Between two digit groups: up to 10 characters that are neither letters nor digits (nor "@", left to the address rules). */
const NUMBER = /[+(]*\p{Nd}+(?:[^\p{L}\p{Nd}@]{1,10}\p{Nd}+)*/gu;

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

/** NFKC, without zero-width and other invisible characters: what the masks look at, and what is stored. */
export function normalizeForMasking(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

export function maskPersonalData(text: string): string {
  const normalized = normalizeForMasking(text);
  const noEmails = normalized.replace(LOOSE_EMAIL, EMAIL_MASK).replace(EMAIL, maskEmail);
  return noEmails.replace(NUMBER, maskNumber);
}
