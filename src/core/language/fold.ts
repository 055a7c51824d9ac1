/**
 * The one comparison form for short phrases the bot recognises by their words:
 * commands, flow choices, yes/no and action triggers. Lower case, accents folded
 * (đ -> d), anything that is not a letter or digit dropped, single spaces. Users on
 * phones often type without accents and with stray punctuation ("Huỷ!!", "tieng viet").
 */
import { foldDiacritics, isAscii } from './normalize';

export function foldPhrase(text: string): string {
  // Plain ASCII (most typed messages, half the trigger phrases) needs no NFC and no folding.
  const folded = isAscii(text) ? text.toLowerCase() : foldDiacritics(text.normalize('NFC').toLowerCase());
  // Folded to ASCII, its letters and digits (\p{L}, \p{N}) are exactly A-Z, a-z and 0-9: a cheaper pattern.
  return (isAscii(folded) ? folded.replace(/[^A-Za-z0-9]+/g, ' ') : folded.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
}

/** True when `phrase` (already folded) appears in `folded` as whole words. */
export function containsPhrase(folded: string, phrase: string): boolean {
  if (phrase === '') return false;
  // As \` ${folded} \`.includes(\` ${phrase} \`), without building either string (every trigger, every message).
  for (let at = folded.indexOf(phrase); at >= 0; at = folded.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if ((at === 0 || folded[at - 1] === ' ') && (end === folded.length || folded[end] === ' ')) return true;
  }
  return false;
}
