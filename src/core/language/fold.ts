/**
 * The one folding function, `fold`, and the one comparison form built on it, `foldPhrase`.
 *
 * `fold` is how the bot compares text without caring how it was typed: lower case, no
 * accents (đ -> d), character for character. Students on phones often type without
 * accents ("hoc bong"), the knowledge base is written with them ("học bổng"): both fold to
 * the same text. Every reader of text folds through it: a message (once per turn, in its
 * Utterance), a token of the analysis (analyze.ts termOf), a lexicon key, an entity name.
 *
 * `foldPhrase` is not a second fold but the fold's words, single-spaced: the form short
 * phrases the bot recognises by their words are compared in (commands, flow choices,
 * yes/no, action triggers), where stray punctuation must not matter ("Huỷ!!", "tieng viet").
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** A code unit of 128 or more (no `u` flag: surrogate halves count too). */
const NOT_ASCII = /[\u0080-\uffff]/;

/** Only code units below 128: plain ASCII, which NFC, NFD and folding leave as it is (but for case). */
export function isAscii(text: string): boolean {
  return !NOT_ASCII.test(text);
}

/**
 * Text without a character outside the Latin letters' blocks (U+0000-U+024F, U+1E00-U+1EFF
 * and what lies between them but U+0250-U+1DFF): each of its characters folds to exactly one
 * code unit from a table.
 */
export function isLatinOnly(text: string): boolean {
  return LATIN_ONLY.test(text);
}

const LATIN_ONLY = /^[^\u0250-\u1dff\u1f00-\uffff]*$/;

/**
 * Lower case, diacritics removed (đ and the Icelandic eth some keyboards send for it -> d),
 * of the NFC text; exactly one code unit out for each code unit of `text.normalize('NFC')`,
 * so a position in the fold is a position in the NFC text (asking-part.ts cuts a message
 * where its folded form shows an asking phrase). A mark NFC cannot join to its letter (none
 * in Vietnamese: every accented letter has its own code point) becomes a space.
 */
export function fold(text: string): string {
  // Most typed messages and half the trigger phrases: no NFC, no table.
  if (isAscii(text)) return text.toLowerCase();
  // Latin letters alone have no marks to join and are their own NFC (the tests check it): most
  // words the analysis folds, a token at a time, skip the normalisation.
  const nfc = isLatinOnly(text) ? text : text.normalize('NFC');
  let out = '';
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    if (code < 0x250 || (code >= 0x1e00 && code <= 0x1eff)) {
      const slot = code < 0x250 ? code : code - 0x1e00 + 0x250;
      let folded = FOLDED_LETTERS[slot];
      if (folded === undefined) {
        folded = foldCharacter(nfc[i]);
        FOLDED_LETTERS[slot] = folded;
      }
      out += folded;
      continue;
    }
    // Anything else, a code point at a time (an emoji is two code units).
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < nfc.length && (nfc.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    out += foldCharacter(pair ? nfc.slice(i, i + 2) : nfc[i]);
    if (pair) i += 1;
  }
  return out;
}

/** The folded form of each Latin letter, filled as they are met: U+0000-U+024F, then U+1E00-U+1EFF. */
const FOLDED_LETTERS: (string | undefined)[] = new Array<string | undefined>(0x250 + 0x100).fill(undefined);

/** One character folded by definition, padded or cut to its own length (see `fold`). */
function foldCharacter(character: string): string {
  const folded = character
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đð]/g, 'd')
    .normalize('NFC');
  if (folded.length === character.length) return folded;
  return folded.length > character.length ? folded.slice(0, character.length) : folded.padEnd(character.length, ' ');
}

/** The fold's letters and digits as single-spaced words: "  Tiếng VIỆT!! " -> "tieng viet". */
export function foldPhrase(text: string): string {
  return wordsOfFold(fold(text));
}

/** The words of a folded text, single-spaced (foldPhrase without folding again: an Utterance has its fold). */
export function wordsOfFold(folded: string): string {
  // Folded to ASCII, its letters and digits (\p{L}, \p{N}) are exactly a-z and 0-9: a cheaper pattern.
  return (isAscii(folded) ? folded.replace(/[^a-z0-9]+/g, ' ') : folded.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
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
