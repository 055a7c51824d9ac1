/**
 * Reference numbers users can read out on the phone: "PN-" and six characters
 * from an alphabet without look-alikes (no 0/O, 1/I/L).
 */
import { randomInt } from 'node:crypto';

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^PN-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;

export function newReference(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)];
  return `PN-${code}`;
}
