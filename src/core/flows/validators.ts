/**
 * The text validators a flow step can name (`validate: phone`). Each returns the
 * normalised value to store or the reason the text was refused.
 */
import type { ValidationReason } from './reasons';

export type TextCheck = { ok: true; value: string } | { ok: false; reason: ValidationReason };

const VN_MOBILE_SECOND_DIGIT = new Set(['3', '5', '7', '8', '9']);

/**
 * Vietnamese mobile numbers: 10 digits starting 03/05/07/08/09. "+84"/"84" replaces
 * the leading 0 (a stray 0 after +84 is tolerated); spaces, dots and dashes are
 * allowed anywhere. Normalised to the 10-digit form staff dial (0912345678).
 */
export function validatePhone(text: string): TextCheck {
  const trimmed = text.trim();
  if (!/^\+?[0-9][0-9 .-]*$/.test(trimmed)) return { ok: false, reason: 'phone' };
  let digits = trimmed.replace(/[ .-]/g, '');
  if (digits.startsWith('+')) {
    if (!digits.startsWith('+84')) return { ok: false, reason: 'phone' };
    digits = digits.slice(3);
  } else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) {
    digits = digits.slice(2);
  } else if (!digits.startsWith('0')) {
    return { ok: false, reason: 'phone' };
  }
  const national = digits.startsWith('0') ? digits : `0${digits}`;
  const valid = national.length === 10 && VN_MOBILE_SECOND_DIGIT.has(national[1] as string);
  return valid ? { ok: true, value: national } : { ok: false, reason: 'phone' };
}

// Deliberately stricter than RFC 5322: what people type into a chat, ASCII only.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** Normalised to lower case: staff compare addresses, and mail providers ignore case. */
export function validateEmail(text: string): TextCheck {
  const value = text.trim().toLowerCase();
  return value.length <= 254 && EMAIL.test(value) ? { ok: true, value } : { ok: false, reason: 'email' };
}

export function validatePhoneOrEmail(text: string): TextCheck {
  if (text.includes('@')) return validateEmail(text);
  const phone = validatePhone(text);
  if (phone.ok) return phone;
  // Mostly digits: they meant a phone number, so say what is wrong with it.
  return /^[+0-9 .-]+$/.test(text.trim()) ? phone : { ok: false, reason: 'phoneOrEmail' };
}

/** Letters (any script), spaces, apostrophes, hyphens, dots; 2 to 100 characters, at most 7 words. */
export function validateName(text: string): TextCheck {
  const value = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const letters = value.match(/\p{L}/gu)?.length ?? 0;
  const ok =
    /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u.test(value) &&
    letters >= 2 &&
    value.length <= 100 &&
    value.split(' ').length <= 7;
  return ok ? { ok: true, value } : { ok: false, reason: 'name' };
}

export function validateNonEmpty(text: string): TextCheck {
  const value = text.normalize('NFC').trim();
  return value.length > 0 ? { ok: true, value } : { ok: false, reason: 'empty' };
}

export const TEXT_VALIDATORS = {
  phone: validatePhone,
  email: validateEmail,
  phoneOrEmail: validatePhoneOrEmail,
  name: validateName,
  nonEmpty: validateNonEmpty,
} as const satisfies Record<string, (text: string) => TextCheck>;
