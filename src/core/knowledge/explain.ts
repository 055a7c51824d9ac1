/**
 * Why the bot decided what it did for one message: the decision, the part read as the
 * question, the word-count (BM25) ranking's first entry, the words the knowledge base never
 * uses, and for each of the top entries the words that counted for it. One explanation
 * for `npm run ask -- --explain` and the staff console's test pane.
 */
import type { KnowledgeAnswerer } from './load-answerer';
import type { DecisionKind, MatchContext } from './types';

export interface CountedWord {
  /** For people: a word as it is, `pair "a b"`, or `letters "abc"`. */
  text: string;
  value: number;
}

export interface Explanation {
  decision: DecisionKind;
  entryId: string | null;
  confidence: number;
  thresholds: { answer: number; suggest: number };
  detectedLang: 'vi' | 'en' | null;
  /** Entries offered as "did you mean" (suggest only). */
  suggestions: string[];
  /** The part of the message read as the question, when it is not the whole message. */
  asked?: string;
  lexicalTop: string | null;
  /** BM25's first entry over the whole message (the story included). */
  lexicalWholeTop: string | null;
  /** How likely the message is a question for the knowledge base at all (fusion.ts), compared with `suggest`. */
  inScope: number;
  unknownWords: string[];
  /** Share of the question's words the knowledge base never uses (0..1). */
  unknownShare: number;
  candidates: Array<{ id: string; confidence: number; probability: number; counted: CountedWord[] }>;
}

export function explainDecision(answerer: KnowledgeAnswerer, question: string, context: MatchContext = {}): Explanation {
  // Read once, as the engine reads a turn's message.
  const decision = answerer.decide(answerer.read(question), context);
  const asked = decision.asked ?? question;
  const unknown = answerer.index.unknownWords(asked);
  return {
    decision: decision.kind,
    entryId: decision.entry?.id ?? null,
    confidence: decision.confidence,
    thresholds: { answer: answerer.thresholds.answer, suggest: answerer.thresholds.suggest },
    detectedLang: decision.detectedLang,
    suggestions: decision.kind === 'suggest' ? decision.candidates.slice(0, 3).map((candidate) => candidate.id) : [],
    ...(asked !== question.trim() ? { asked } : {}),
    lexicalTop: answerer.lexical.topEntry(asked) ?? null,
    lexicalWholeTop: answerer.lexical.topEntry(question) ?? null,
    inScope: decision.inScope ?? 0,
    unknownWords: unknown.words,
    unknownShare: unknown.share,
    candidates: decision.candidates.map((candidate) => ({
      id: candidate.id,
      confidence: candidate.confidence,
      probability: candidate.score,
      counted: answerer.matcher
        .explain(asked, candidate.id)
        .filter((word) => word.value > 0)
        .map((word) => ({ text: readableFeature(word.feature), value: word.value })),
    })),
  };
}

/** Feature names for staff: words as they are, word pairs and letter groups marked. */
export function readableFeature(feature: string): string {
  const [kind, text] = [feature.slice(0, 2), feature.slice(2)];
  return kind === 'w:' ? text : kind === 'p:' ? `pair "${text}"` : `letters "${text}"`;
}
