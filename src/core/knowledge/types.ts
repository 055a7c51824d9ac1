/**
 * The shapes the rest of the bot sees of the knowledge base and of a matching decision.
 * Framework-free: src/bot turns these into activities and cards.
 */

import type { Lang } from '../language/lang';
import type { Utterance } from '../language/utterance';

export { LANGS, type Lang } from '../language/lang';

/** A text in both languages; the schema makes both required. */
export type Bilingual = Record<Lang, string>;

export interface EntryLink {
  title: Bilingual;
  url: string;
}

export interface KnowledgeEntry {
  id: string;
  /** Area the entry belongs to (pn, ms, jp, bot): taken from the file. */
  area: string;
  question: Bilingual;
  /** Short button title (at most 20 characters, for Messenger's quick replies). */
  short?: Bilingual;
  alternates: Record<Lang, string[]>;
  /** Markdown; `parent` is the wording for a parent asking about their child, where it differs. */
  answer: Bilingual & { parent?: Partial<Bilingual> };
  /** Entry ids offered as buttons after the answer. */
  followUps: string[];
  links: EntryLink[];
  /** Id of a guided flow (dialogs/*.yaml) offered as a button with the answer. */
  flow?: string;
  /** What the bot does besides answering: `handoff` starts the hand-over to staff. */
  action?: 'handoff' | 'menu';
  tags: string[];
  /** ISO date the answer was last checked by staff. */
  reviewed?: string;
  /** ISO date after which the answer may be out of date. */
  validUntil?: string;
  /** Row ids of the facts sheet the answer is written from. */
  sources: string[];
  /** Where the entry was defined, for error messages and staff tools. */
  location: { file: string; line: number };
}

export interface KnowledgeBase {
  entries: KnowledgeEntry[];
  byId: Map<string, KnowledgeEntry>;
}

export type DecisionKind = 'answer' | 'suggest' | 'fallback';

export interface Candidate {
  id: string;
  /** Calibrated confidence in [0, 1]. */
  confidence: number;
  /** Raw search score, for the ask CLI and debugging. */
  score: number;
}

export interface Decision {
  kind: DecisionKind;
  /** The answered entry when kind is `answer`. */
  entry?: KnowledgeEntry;
  /** Confidence of the top candidate in [0, 1]. */
  confidence: number;
  /** How likely the message is a question for the knowledge base at all (knowledge/fusion.ts). */
  inScope?: number;
  /** Ranked candidates (top 5); for `suggest`, the first up to 3 are shown. */
  candidates: Candidate[];
  /** Language detected from the text alone, or null when unsure. */
  detectedLang: Lang | null;
  /** The part of the message read as the question (a long message's story left out). */
  asked?: string;
  /** A second question in the same message, answered by another entry: offer it as a button. */
  alsoAsked?: string;
  /**
   * What a follow-up did with the previous answer when it was not simply matched: a reaction
   * to it ("why?"), a question about a thing we do not answer for ("what about Korea?"), or
   * one that fits nothing ("unclear"). The reply says so and offers the previous topic.
   */
  thread?: { kind: 'reaction' | 'not-ours' | 'unclear'; previousEntryId: string; named?: string };
}

/**
 * What the conversation knows when a message arrives: the entry answered a turn or two ago,
 * so an elliptical follow-up ("còn ở Campuchia thì sao?", "how long does that take?") can be
 * read in its light. The engine keeps it; the matcher decides how much it counts.
 */
export interface MatchContext {
  /** Entry answered most recently in this conversation (within the last few turns). */
  previousEntryId?: string;
  /** The user's question that entry answered, when it was typed (masked): "what about X" puts X in its place. */
  previousQuestion?: string;
}

/**
 * What the bot needs from the matcher: a message in, decision out. The engine reads the
 * message once (`read`, with the knowledge base's lexicon) and passes the Utterance down;
 * a plain text is read on the spot.
 */
export interface Answerer {
  read(text: string): Utterance;
  decide(message: string | Utterance, context?: MatchContext): Decision;
  entry(id: string): KnowledgeEntry | undefined;
}
