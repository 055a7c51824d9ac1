/**
 * The staff-editable lexicon (knowledge/lexicon.yaml): teencode and abbreviations,
 * ambiguous abbreviations, and filler words. Kept as data so admissions staff can add
 * the next abbreviation students invent without a developer.
 */
import { z } from 'zod';
import { fold } from './fold';
import { hasVietnameseLetters, normalizeVietnamese, tokenize } from './normalize';

const phrase = z.string().trim().min(1);

export const lexiconSchema = z.strictObject({
  expansions: z.record(phrase, phrase).default({}),
  ambiguous: z.record(phrase, z.array(phrase).min(2)).default({}),
  fillers: z.array(phrase).default([]),
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
  return { rulesByFirstToken, fillersAccented, fillersFolded };
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
