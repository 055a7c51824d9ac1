/**
 * Turns a message or a knowledge-base phrasing into the terms the index works with:
 * normalised, teencode expanded through the lexicon, folded, with adjacent-syllable
 * bigrams. The same function serves both sides, so a phrasing and a question that mean
 * the same thing produce the same terms however they were typed.
 */
import stem from 'wink-porter2-stemmer';
import { isFiller, ruleMatches, type Lexicon } from './lexicon';
import { fold } from './fold';
import { normalizeVietnamese, toNfc, tokenize } from './normalize';
import { isVietnameseSyllable } from './syllable';
import type { Utterance } from './utterance';

/** One meaningful position in the text: matched when any of its terms is. */
export interface TermUnit {
  terms: string[];
  /** The normalised token as typed, accents kept; absent for ambiguous abbreviations. */
  surface?: string;
}

export interface TextAnalysis {
  /** Unigram units, fillers left out. */
  units: TermUnit[];
  /** Adjacent-pair terms (joined without a space: "hoc"+"bong" -> "hocbong"). */
  bigrams: string[];
  /** Every term, for the search index or query. */
  allTerms: string[];
  /** Normalised (accented) tokens after expansion, fillers left out: for language detection. */
  tokens: string[];
  /** Normalised tokens the writer capitalised mid-sentence (AWS, Cisco, Singapore): likely names. */
  names: Set<string>;
  /** The normalised tokens as typed, before teencode is expanded: for entity names (entities.ts). */
  typed: readonly string[];
}

/** Tokens written with a capital letter, except the first of the text (any sentence may start so). */
function capitalisedTokens(text: string): Set<string> {
  const raw = tokenize(toNfc(text));
  return new Set(raw.slice(1).filter((token) => /\p{Lu}/u.test(token)).map((token) => normalizeVietnamese(token)));
}

/**
 * The index form of one token: folded, "y" after a consonant spelled "i" (kỹ/kĩ, lý/lí are
 * both correct), and English words stemmed (certifications -> certif).
 */
export function termOf(token: string): string {
  const folded = fold(token);
  const iForY = folded.replace(/^([^aeiouy]+)y$/, '$1i');
  if (isVietnameseSyllable(iForY) || !/^[a-z]{4,}$/.test(iForY)) return iForY;
  return stem(iForY);
}

interface Slot {
  readings: string[][];
}

function expandSlots(tokens: readonly string[], lexicon: Lexicon): Slot[] {
  const slots: Slot[] = [];
  for (let at = 0; at < tokens.length; ) {
    const rules = lexicon.rulesByFirstToken.get(fold(tokens[at])) ?? [];
    const rule = rules.find((candidate) => ruleMatches(candidate, tokens, at));
    if (rule) {
      slots.push({ readings: rule.readings });
      at += rule.key.tokens.length;
    } else {
      slots.push({ readings: [[tokens[at]]] });
      at += 1;
    }
  }
  return slots;
}

/** Where analyzeText keeps termOf's results (a Map, or a message's own map over shared KnownTerms). */
export type TermCache = Pick<Map<string, string>, 'get' | 'set'>;

/**
 * termOf of every token of some texts (the knowledge base's phrasings) and of the lexicon's
 * readings, made once per content version and only read afterwards: most words of a message
 * are the knowledge base's own, and their terms need not be worked out again for every
 * message. A message's other words are worked out per message, and none is kept.
 */
export type KnownTerms = ReadonlyMap<string, string>;

export function knownTermsOf(texts: Iterable<string>, lexicon: Lexicon): KnownTerms {
  const terms = new Map<string, string>();
  const add = (token: string) => {
    if (!terms.has(token)) terms.set(token, termOf(token));
  };
  for (const text of texts) for (const token of tokenize(normalizeVietnamese(text))) add(token);
  for (const rules of lexicon.rulesByFirstToken.values()) for (const rule of rules) for (const reading of rule.readings) reading.forEach(add);
  return terms;
}

/**
 * `termCache` caches termOf (a pure function of the token) for as long as the caller keeps it:
 * one message's texts, or every phrasing of a content build, where the same words come
 * back thousands of times. Without it, each token is still looked up once per text (its
 * unit and the pairs on either side need it).
 */
export function analyzeText(
  text: string,
  lexicon: Lexicon,
  termCache: TermCache = new Map(),
  typedTokens: readonly string[] = tokenize(normalizeVietnamese(text)),
): TextAnalysis {
  const termOnce = (token: string): string => {
    let term = termCache.get(token);
    if (term === undefined) {
      term = termOf(token);
      termCache.set(token, term);
    }
    return term;
  };
  const slots = expandSlots(typedTokens, lexicon).filter(
    (slot) => !slot.readings.every((reading) => reading.every((token) => isFiller(lexicon, token))),
  );
  const units: TermUnit[] = [];
  const bigrams = new Set<string>();
  const tokens: string[] = [];
  let previousEnds: string[] = [];
  for (const slot of slots) {
    if (slot.readings.length === 1) {
      const reading = slot.readings[0];
      const terms = reading.map(termOnce);
      terms.forEach((term, index) => units.push({ terms: [term], surface: reading[index] }));
      for (let i = 1; i < terms.length; i++) bigrams.add(terms[i - 1] + terms[i]);
      tokens.push(...reading);
    } else {
      const alternatives = new Set(slot.readings.flatMap((reading) => reading.map(termOnce)));
      units.push({ terms: [...alternatives] });
      slot.readings.forEach((reading) => {
        const terms = reading.map(termOnce);
        for (let i = 1; i < terms.length; i++) bigrams.add(terms[i - 1] + terms[i]);
      });
      tokens.push(...slot.readings[0]);
    }
    const starts = slot.readings.map((reading) => termOnce(reading[0]));
    for (const end of previousEnds) for (const start of starts) bigrams.add(end + start);
    previousEnds = slot.readings.map((reading) => termOnce(reading[reading.length - 1]));
  }
  const allTerms = [...new Set([...units.flatMap((unit) => unit.terms), ...bigrams])];
  return new Analysis(text, units, [...bigrams], allTerms, tokens, typedTokens);
}

/** A TextAnalysis whose names are found when first asked for: training texts never ask. */
class Analysis implements TextAnalysis {
  private foundNames: Set<string> | undefined;

  constructor(
    private readonly text: string,
    readonly units: TermUnit[],
    readonly bigrams: string[],
    readonly allTerms: string[],
    readonly tokens: string[],
    readonly typed: readonly string[],
  ) {}

  get names(): Set<string> {
    this.foundNames ??= capitalisedTokens(this.text);
    return this.foundNames;
  }
}

/**
 * Analyses each distinct text once, for the length of one message's reading: the whole
 * message, its asking part and its sentences are read by the learned model, the novelty
 * measure and the BM25 vote, and a follow-up is read twice (in context and alone). Made
 * per message and dropped after it: nothing is kept from one message to the next. The
 * message itself (`message`) is not normalised again: its Utterance has its tokens.
 */
export function analysisOnce(lexicon: Lexicon, message?: Pick<Utterance, 'text' | 'tokens'>, known?: KnownTerms): (text: string) => TextAnalysis {
  const analysed = new Map<string, TextAnalysis>();
  // The asking part and the sentences are made of the message's own words.
  const own = new Map<string, string>();
  // The knowledge base's words first (most of a message's), then the message's own.
  const termCache: TermCache = known ? { get: (token) => known.get(token) ?? own.get(token), set: (token, term) => own.set(token, term) } : own;
  return (text) => {
    let analysis = analysed.get(text);
    if (!analysis) {
      analysis = text === message?.text ? analyzeText(text, lexicon, termCache, message.tokens) : analyzeText(text, lexicon, termCache);
      analysed.set(text, analysis);
    }
    return analysis;
  };
}
