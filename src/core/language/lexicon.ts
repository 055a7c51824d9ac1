/**
 * The staff-editable lexicon (knowledge/lexicon.yaml): teencode and abbreviations,
 * ambiguous abbreviations, filler words, and the words a follow-up reacts with
 * (knowledge/thread.ts). Kept as data so admissions staff can add the next abbreviation
 * or "ủa thiệt hả" students invent without a developer.
 */
import { z } from 'zod';
import { fold } from './fold';
import { hasVietnameseLetters, normalizeVietnamese, tokenize } from './normalize';

const phrase = z.string().trim().min(1);

const phrases = z.array(phrase).optional();

/** How a follow-up reacts to the last answer (knowledge/thread.ts). */
const reactionsSchema = z.strictObject({
  /** A whole clause that is a reaction ("sao vậy", "tell me more"); compared without accents. */
  phrases,
  /** A short message opening with one is a reaction ("tại sao", "why", "how come"); without accents. */
  openers: phrases,
  /** A short message ending with one is a reaction ("thật không", "really"); without accents. */
  closers: phrases,
  /** The last word of a message that doubts what was just said ("… thật hả"), as typed. */
  doubting: phrases,
  /** Before "không", the message asks whether the answer is true ("thật không", "phải không"); without accents. */
  confirming: phrases,
  /** Words that ask about the last answer rather than say a thing ("ủa", "hả", "why"); like fillers. */
  asking: phrases,
  /** Words that say only how the answer landed ("wow", "nhiều", "luôn", "that much"); like fillers. */
  quiet: phrases,
});

/** Words a follow-up may open or close with that carry nothing (knowledge/thread.ts); compared without accents. */
const threadFillersSchema = z.strictObject({ leading: phrases, trailing: phrases });

export const lexiconSchema = z.strictObject({
  expansions: z.record(phrase, phrase).default({}),
  ambiguous: z.record(phrase, z.array(phrase).min(2)).default({}),
  fillers: z.array(phrase).default([]),
  reactions: reactionsSchema.optional(),
  threadFillers: threadFillersSchema.optional(),
});

export type LexiconFile = z.output<typeof lexiconSchema>;

/** A typed key: accented keys match only that spelling, plain keys also match accented typing. */
interface KeyForm {
  tokens: string[];
  accentSensitive: boolean;
}

export interface LexiconRule {
  key: KeyForm;
  /** Each reading is a token list (normalised, accented). */
  readings: string[][];
}

export interface Lexicon {
  /** Rules by their first token (folded), longest keys first. */
  rulesByFirstToken: Map<string, LexiconRule[]>;
  fillersAccented: Set<string>;
  fillersFolded: Set<string>;
  /** The words a follow-up reacts with (knowledge/thread.ts). */
  thread: ThreadWords;
}

/** Words matched like fillers: written with accents, that spelling; without, plain typing only ("o" is not "ở"). */
export interface TypedWords {
  accented: ReadonlySet<string>;
  plain: ReadonlySet<string>;
}

/** lexicon.yaml's `reactions` and `threadFillers`, compiled: phrases as folded word lists, folded word sets. */
export interface ThreadWords {
  reactions: readonly (readonly string[])[];
  reactionOpeners: readonly (readonly string[])[];
  reactionClosers: readonly (readonly string[])[];
  /** As typed (normalised). */
  doubting: ReadonlySet<string>;
  confirming: ReadonlySet<string>;
  asking: TypedWords;
  quiet: TypedWords;
  leadingFillers: ReadonlySet<string>;
  trailingFillers: ReadonlySet<string>;
}

/** A typed word in a list of words matched like fillers. */
export function isTypedWord(words: TypedWords, token: string): boolean {
  return words.accented.has(token) || words.plain.has(token);
}

function typedWords(list: readonly string[] = []): TypedWords {
  const accented = new Set<string>();
  const plain = new Set<string>();
  for (const word of list) (hasVietnameseLetters(word) ? accented : plain).add(normalizeVietnamese(word));
  return { accented, plain };
}

const foldedPhrases = (list: readonly string[] = []) => list.map((text) => tokenize(normalizeVietnamese(text)).map(fold)).filter((words) => words.length > 0);
const foldedWords = (list: readonly string[] = []) => new Set(foldedPhrases(list).flat());

function compileThreadWords(file: LexiconFile): ThreadWords {
  const reactions = file.reactions ?? {};
  return {
    reactions: foldedPhrases(reactions.phrases),
    reactionOpeners: foldedPhrases(reactions.openers),
    reactionClosers: foldedPhrases(reactions.closers),
    doubting: new Set((reactions.doubting ?? []).map((word) => normalizeVietnamese(word))),
    confirming: foldedWords(reactions.confirming),
    asking: typedWords(reactions.asking),
    quiet: typedWords(reactions.quiet),
    leadingFillers: foldedWords(file.threadFillers?.leading),
    trailingFillers: foldedWords(file.threadFillers?.trailing),
  };
}

function keyForm(text: string): KeyForm {
  const tokens = tokenize(normalizeVietnamese(text));
  return { tokens, accentSensitive: hasVietnameseLetters(text) };
}

export function compileLexicon(file: LexiconFile): Lexicon {
  const rulesByFirstToken = new Map<string, LexiconRule[]>();
  const add = (key: string, readings: string[]) => {
    const form = keyForm(key);
    if (form.tokens.length === 0) return;
    const rule: LexiconRule = { key: form, readings: readings.map((reading) => tokenize(normalizeVietnamese(reading))) };
    const first = fold(form.tokens[0]);
    const list = rulesByFirstToken.get(first) ?? [];
    list.push(rule);
    list.sort((a, b) => b.key.tokens.length - a.key.tokens.length);
    rulesByFirstToken.set(first, list);
  };
  for (const [key, meaning] of Object.entries(file.expansions)) add(key, [meaning]);
  for (const [key, meanings] of Object.entries(file.ambiguous)) add(key, meanings);
  const fillersAccented = new Set<string>();
  const fillersFolded = new Set<string>();
  for (const filler of file.fillers) {
    const normalised = normalizeVietnamese(filler);
    if (hasVietnameseLetters(filler)) fillersAccented.add(normalised);
    else fillersFolded.add(normalised);
  }
  return { rulesByFirstToken, fillersAccented, fillersFolded, thread: compileThreadWords(file) };
}

export const EMPTY_LEXICON: Lexicon = compileLexicon({ expansions: {}, ambiguous: {}, fillers: [] });

/** Does the rule's key match the tokens starting at `at`? */
export function ruleMatches(rule: LexiconRule, tokens: readonly string[], at: number): boolean {
  const { tokens: keyTokens, accentSensitive } = rule.key;
  if (at + keyTokens.length > tokens.length) return false;
  return keyTokens.every((keyToken, offset) => {
    const typed = tokens[at + offset];
    return accentSensitive ? typed === keyToken : fold(typed) === fold(keyToken);
  });
}

export function isFiller(lexicon: Lexicon, token: string): boolean {
  // Plain fillers ("a", "oi") match only plain typing: "à" or "ơi" typed with accents are listed on their own.
  return lexicon.fillersAccented.has(token) || lexicon.fillersFolded.has(token);
}
