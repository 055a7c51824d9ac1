/**
 * What the learned matcher sees of a text: the analysed terms (folded, teencode expanded,
 * English stemmed: the one normaliser every other part of the bot uses), their adjacent
 * pairs, and character n-grams of the folded words, which carry typos and spellings the
 * knowledge base never wrote ("dki", "hocbong", "certs") towards the words they resemble.
 */
import { analyzeText, type TextAnalysis } from '../../language/analyze';
import type { Lexicon } from '../../language/lexicon';
import { fold } from '../../language/fold';

/** A sparse vector: feature names and their values, L2-normalised. */
export type FeatureBag = Map<string, number>;

/** Character n-grams weigh less than whole words: they back words up, they do not outvote them. */
export const CHAR_GRAM_WEIGHT = 0.35;
export const PAIR_WEIGHT = 0.8;
/** The kinds of feature, as their names begin: a word (term), an adjacent pair, a character n-gram. */
export const WORD_PREFIX = 'w:';
export const PAIR_PREFIX = 'p:';
export const GRAM_PREFIX = 'c:';
/** Character n-grams of a word between `<` and `>`, of these lengths, for words of at least MIN_GRAM_WORD characters so marked. */
export const GRAM_LENGTHS = [3, 4] as const;
export const MIN_GRAM_WORD = 5;

/** What each term of a unit weighs: an ambiguous abbreviation ("bn": bạn / bao nhiêu) spreads its weight over its readings. */
export function termWeight(unit: { terms: readonly string[] }): number {
  return 1 / Math.sqrt(unit.terms.length);
}

/** `termCache`: a term cache shared by many texts (see analyzeText). */
export function featuresOf(text: string, lexicon: Lexicon, termCache?: Map<string, string>): FeatureBag {
  return featuresOfAnalysis(analyzeText(text, lexicon, termCache));
}

export function featuresOfAnalysis(analysis: TextAnalysis): FeatureBag {
  const bag: FeatureBag = new Map();
  const add = (name: string, value: number) => bag.set(name, Math.max(bag.get(name) ?? 0, value));
  for (const unit of analysis.units) {
    for (const term of unit.terms) add(`${WORD_PREFIX}${term}`, termWeight(unit));
  }
  for (const pair of analysis.bigrams) add(`${PAIR_PREFIX}${pair}`, PAIR_WEIGHT);
  for (const token of analysis.tokens) {
    const word = `<${fold(token)}>`;
    if (word.length < MIN_GRAM_WORD) continue; // short syllables are already whole-word features
    for (const n of GRAM_LENGTHS) for (let i = 0; i + n <= word.length; i++) add(`${GRAM_PREFIX}${word.slice(i, i + n)}`, CHAR_GRAM_WEIGHT);
  }
  return normalise(bag);
}

function normalise(bag: FeatureBag): FeatureBag {
  let norm = 0;
  for (const value of bag.values()) norm += value * value;
  if (norm === 0) return bag;
  const scale = 1 / Math.sqrt(norm);
  // forEach, not for...of: no [name, value] pair is made per feature of every message.
  bag.forEach((value, name) => bag.set(name, value * scale));
  return bag;
}
