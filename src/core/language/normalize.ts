/**
 * Vietnamese text normalisation: the forms every message and every knowledge-base
 * phrase pass through before matching. Pure functions, no lexicon: teencode is expanded
 * by `analyze.ts` through the staff-editable lexicon (`lexicon.ts`, knowledge/lexicon.yaml);
 * accents are folded by the one folding function, fold.ts.
 */
import { fold, isAscii, isLatinOnly } from './fold';

// The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot below).
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

/** NFC, plus the Icelandic eth some keyboards send for Đ. */
export function toNfc(text: string): string {
  if (isAscii(text)) return text; // already NFC, and neither eth is ASCII
  return text.normalize('NFC').replace(/\u00d0/g, '\u0110').replace(/\u00f0/g, '\u0111');
}

/**
 * True when the text has a letter no other Latin-script language uses (đ ă â ê ô ơ ư and
 * the Latin Extended Additional block): enough to call it Vietnamese at once. French
 * "é" is not: "Passerelles numériques" in an English question stays English.
 */
export function hasVietnameseOnlyLetters(text: string): boolean {
  if (isAscii(text)) return false;
  return /[đăâêôơư\u1ea0-\u1ef9]/i.test(toNfc(text));
}

/** True when the text has a letter only Vietnamese uses (đ ă â ê ô ơ ư or a toned vowel). */
export function hasVietnameseLetters(text: string): boolean {
  if (isAscii(text)) return false;
  return /[đăâêôơư\u1ea0-\u1ef9]/i.test(toNfc(text)) || /[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i.test(text.normalize('NFC'));
}

/**
 * Puts the tone mark of a syllable ending in oa, oe or uy on the second vowel
 * (hòa -> hoà, thủy -> thuỷ), so both keyboard styles give one form. Only at the end
 * of a syllable: in "hoàn" the mark already sits on the second vowel in both styles.
 */
export function unifyTonePlacement(syllable: string): string {
  const nfc = syllable.normalize('NFC');
  // Most syllables do not end in oa, oe or uy whatever their marks: nothing can move.
  if (!MOVABLE_ENDINGS.has(fold(nfc.slice(-2)))) return nfc;
  return unifyToneLetterByLetter(nfc);
}

/** The rule itself, letter by letter; exported for the property test that holds the early return above to it. */
export function unifyToneLetterByLetter(syllable: string): string {
  const letters = Array.from(syllable.normalize('NFC'));
  const decomposedLetters = letters.map((letter) => letter.normalize('NFD'));
  const tonedIndex = decomposedLetters.findIndex((letter) => TONE_MARKS.test(letter));
  if (tonedIndex < 0) return letters.join('');
  const bases = decomposedLetters.map((letter) => letter.replace(TONE_MARKS, ''));
  const ending = bases.slice(-2).join('').normalize('NFC').toLowerCase();
  const pairStart = bases.length - 2;
  // "qu" is a consonant: in "quý" the y is the only vowel and already carries the mark.
  const afterQ = bases[pairStart - 1]?.toLowerCase() === 'q';
  const movable = (ending === 'oa' || ending === 'oe' || (ending === 'uy' && !afterQ)) && tonedIndex === pairStart;
  if (!movable) return letters.join('');
  const tone = decomposedLetters[tonedIndex].match(TONE_MARKS)![0];
  bases[pairStart + 1] = bases[pairStart + 1] + tone;
  return bases.join('').normalize('NFC');
}

/** Syllable endings, accents folded, whose tone mark may sit on either vowel. */
const MOVABLE_ENDINGS = new Set(['oa', 'oe', 'uy']);

/**
 * Collapses a letter typed three or more times ("hokkk", "nhaaa", "ạaa") to one: no
 * Vietnamese or English word has a tripled letter, and students stretch words for tone.
 * Letters count as the same when they differ only by accents; the first is kept.
 */
export function collapseStretchedLetters(word: string): string {
  if (!hasStretchedLetter(word)) return word;
  return collapseLetterByLetter(word);
}

/** The rule itself, letter by letter; exported for the property test that holds the early return above to it. */
export function collapseLetterByLetter(word: string): string {
  const letters = Array.from(word);
  const folded = letters.map((letter) => fold(letter));
  const kept: string[] = [];
  for (let i = 0; i < letters.length; ) {
    let end = i + 1;
    while (end < letters.length && folded[end] === folded[i]) end += 1;
    kept.push(...(end - i >= 3 ? [letters[i]] : letters.slice(i, end)));
    i = end;
  }
  return kept.join('');
}

/**
 * False only when no letter is typed three times in a row. A word of Latin letters folds
 * to one code unit for each letter (fold.ts; tests/unit/language/normalize.test.ts checks
 * every one), so the folded word lines up with its letters. Anything else (other scripts,
 * loose marks) is looked at letter by letter.
 */
function hasStretchedLetter(word: string): boolean {
  if (!isLatinOnly(word)) return true;
  const folded = fold(word);
  for (let i = 2; i < folded.length; i++) if (folded[i] === folded[i - 1] && folded[i] === folded[i - 2]) return true;
  return false;
}

/**
 * Lowercased NFC text with exam codes joined ("AZ 900", "az-900" -> "az900") and tone
 * placement unified per syllable. Keeps diacritics: fold separately when needed.
 */
export function normalizeVietnamese(text: string): string {
  const lowered = toNfc(text).toLowerCase();
  const joinedCodes = lowered.replace(/\b([a-z]{2})[\s-]?(\d{3})\b/g, '$1$2');
  return joinedCodes.replace(/\p{L}+/gu, (word) => (PLAIN_WORD.test(word) ? word : unifyTonePlacement(collapseStretchedLetters(word))));
}

/**
 * A lower-case ASCII word with no letter typed three times: both steps above leave it as
 * it is (no tone mark to move, nothing to collapse), so most English and unaccented
 * words skip them.
 */
const PLAIN_WORD = /^(?:([a-z])(?!\1\1))+$/;

/** Splits normalised text into word tokens (letters and digits); punctuation and emoji drop out. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}
