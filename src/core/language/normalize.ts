/**
 * Vietnamese text normalisation: the forms every message and every knowledge-base
 * phrase pass through before matching. Pure functions, no lexicon: teencode is expanded
 * by `analyze.ts` through the staff-editable lexicon (`lexicon.ts`, knowledge/lexicon.yaml).
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot below).
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

/** NFC, plus the Icelandic eth some keyboards send for Đ. */
export function toNfc(text: string): string {
  if (isAscii(text)) return text; // already NFC, and neither eth is ASCII
  return text.normalize('NFC').replace(/\u00d0/g, '\u0110').replace(/\u00f0/g, '\u0111');
}

/** Removes every diacritic; đ needs its own mapping because NFD does not split it. */
export function foldDiacritics(text: string): string {
  // Every message, phrasing and command passes here, often a letter at a time: plain
  // ASCII is returned as it is, and Latin letters (the Vietnamese ones included) are
  // folded one at a time from a table; anything else takes the full path.
  if (isAscii(text)) return text;
  if (!LATIN_ONLY.test(text)) return foldFully(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out += text[i];
      continue;
    }
    const slot = code < 0x250 ? code : code - 0x1e00 + 0x250;
    let folded = FOLDED_LETTERS[slot];
    if (folded === undefined) {
      folded = foldFully(text[i]);
      FOLDED_LETTERS[slot] = folded;
    }
    out += folded;
  }
  return out;
}

/** Only code units below 128: plain ASCII, which NFC, NFD and folding leave as it is. */
export function isAscii(text: string): boolean {
  return !NOT_ASCII.test(text);
}

/** A code unit of 128 or more (no `u` flag: surrogate halves count too). */
const NOT_ASCII = /[\u0080-\uffff]/;
/**
 * Characters folded one at a time with the same result as the whole text: Latin letters
 * decompose into a base letter and marks in U+0300-U+036F only, and none of them combines
 * with a neighbour, so NFD, dropping the marks and NFC act on each separately. Separate
 * combining marks are left out: they take the full path.
 */
const LATIN_ONLY = /^[^\u0250-\u1dff\u1f00-\uffff]*$/;
/** Folded form of each such character, filled as they are met: U+0000-U+024F, then U+1E00-U+1EFF. */
const FOLDED_LETTERS: (string | undefined)[] = new Array<string | undefined>(0x250 + 0x100).fill(undefined);

function foldFully(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/\u00f0/g, 'd')
    .replace(/\u00d0/g, 'D')
    .normalize('NFC');
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
  if (!MOVABLE_ENDINGS.has(foldDiacritics(nfc.slice(-2)).toLowerCase())) return nfc;
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
  const folded = letters.map((letter) => foldDiacritics(letter).toLowerCase());
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
 * False only when no letter is typed three times in a row. For a word of the letters
 * foldDiacritics folds from its table, each folds and lower-cases to one code unit
 * (tests/unit/language/normalize.test.ts checks every one), so the folded word lines up
 * with its letters. Anything else (other scripts, loose marks) is looked at letter by letter.
 */
function hasStretchedLetter(word: string): boolean {
  if (!LATIN_ONLY.test(word)) return true;
  const folded = foldDiacritics(word).toLowerCase();
  for (let i = 2; i < folded.length; i++) if (folded[i] === folded[i - 1] && folded[i] === folded[i - 2]) return true;
  return false;
}

/**
 * Lowercased NFC text with exam codes joined ("AZ 900", "az-900" -> "az900") and tone
 * placement unified per syllable. Keeps diacritics: fold separately when needed.
 */
export function normalizeVietnamese(text: string): string {
  // One message is normalised by several readers (language, follow-up cues, analysis): the last few results are kept.
  const index = RECENT.texts.indexOf(text);
  if (index >= 0) return RECENT.results[index];
  const lowered = toNfc(text).toLowerCase();
  const joinedCodes = lowered.replace(/\b([a-z]{2})[\s-]?(\d{3})\b/g, '$1$2');
  const result = joinedCodes.replace(/\p{L}+/gu, (word) => (PLAIN_WORD.test(word) ? word : unifyTonePlacement(collapseStretchedLetters(word))));
  RECENT.texts[RECENT.next] = text;
  RECENT.results[RECENT.next] = result;
  RECENT.next = (RECENT.next + 1) % RECENT.texts.length;
  return result;
}

/**
 * The last few texts normalised and their results (a pure function: nothing can go stale).
 * They stay in memory until newer texts push them out: at most eight messages, which the
 * conversation state holds anyway (its recent questions).
 */
const RECENT = { texts: new Array<string>(8).fill(''), results: new Array<string>(8).fill(''), next: 0 };

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
