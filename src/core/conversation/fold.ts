/**
 * The one comparison form for short phrases the bot recognises by their words:
 * commands, flow choices, yes/no and action triggers. Lower case, accents folded
 * (đ -> d), anything that is not a letter or digit dropped, single spaces. Users on
 * phones often type without accents and with stray punctuation ("Huỷ!!", "tieng viet").
 */
import { foldDiacritics, isAscii } from '../language/normalize';

export function foldPhrase(text: string): string {
  // Plain ASCII (most typed messages, every folded phrase): NFC and folding change nothing,
  // and its only letters and digits are a-z and 0-9 once lower-cased.
  if (isAscii(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return foldDiacritics(text.normalize('NFC').toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}


/** True when `phrase` (already folded) appears in `folded` as whole words. */
export function containsPhrase(folded: string, phrase: string): boolean {
  return phrase !== '' && ` ${folded} `.includes(` ${phrase} `);
}
