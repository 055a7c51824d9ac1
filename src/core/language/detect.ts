/**
 * Vietnamese or English, from a short message. Off-the-shelf detectors fail on short
 * Vietnamese typed without accents (see shared/vietnamese.md), so: a Vietnamese-only
 * letter decides at once; otherwise tokens vote, Vietnamese-shaped syllables and
 * teencode against known English words.
 */
import type { Lang } from './lang';
import { ENGLISH_WORDS } from './english-words';
import { hasVietnameseLetters, hasVietnameseOnlyLetters, normalizeVietnamese, tokenize } from './normalize';
import { isVietnameseSyllable } from './syllable';

export interface LanguageGuess {
  lang: Lang | null;
  /** True when the text alone is enough to choose the reply language. */
  sure: boolean;
}

/** Extra evidence the caller may have: words the lexicon knows as Vietnamese teencode. */
export interface DetectionHints {
  isVietnameseShorthand?: (folded: string) => boolean;
}

/** `tokens`: the text's normalised words, when the caller has them already (an Utterance). */
export function detectLanguage(text: string, hints: DetectionHints = {}, tokens: readonly string[] = tokenize(normalizeVietnamese(text))): LanguageGuess {
  if (hasVietnameseOnlyLetters(text)) return { lang: 'vi', sure: true };
  const rawTokens = tokens.filter((token) => /\p{L}/u.test(token));
  if (rawTokens.length === 0) return { lang: null, sure: false };
  let vi = 0;
  let en = 0;
  for (const token of rawTokens) {
    if (hasVietnameseLetters(token)) {
      vi += 1; // a toned vowel (à, é ...) in a word: Vietnamese more often than French here
      continue;
    }
    const english = ENGLISH_WORDS.has(token);
    const vietnamese = isVietnameseSyllable(token) || (hints.isVietnameseShorthand?.(token) ?? false);
    if (english && !vietnamese) en += 1;
    else if (vietnamese && !english) vi += 1;
    else if (!english && !vietnamese) en += 0.5; // unknown non-Vietnamese shapes: names, English words we don't list
    else {
      // Both (e.g. "can", "to", "long"): a weak vote each way.
      vi += 0.3;
      en += 0.3;
    }
  }
  const total = vi + en;
  if (total === 0) return { lang: null, sure: false };
  const lang: Lang = vi >= en ? 'vi' : 'en';
  const share = Math.max(vi, en) / total;
  const sure = share >= 0.7 && Math.abs(vi - en) >= 1;
  return { lang, sure };
}
