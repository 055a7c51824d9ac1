/**
 * Turns the learned matcher's probabilities into the bot's decision: answer, "did you
 * mean", or an honest fallback. Thresholds are data (knowledge/matching.yaml, else the
 * defaults below), chosen by `npm run eval -- --calibrate` on held-out phrasings, so they
 * can be re-chosen without code whenever the knowledge base grows.
 */
import { z } from 'zod';
import type { Prediction } from './model/learned-matcher';
import type { Candidate, DecisionKind } from './types';

export const thresholdsSchema = z.strictObject({
  /** Confidence at or above which the top entry is answered directly. */
  answer: z.number().min(0).max(1),
  /** Confidence at or above which candidates are offered as "did you mean". */
  suggest: z.number().min(0).max(1),
  /** Other entries are offered when their probability is within this share of the best one's. */
  suggestWindow: z.number().min(0).max(1),
});

export type Thresholds = z.output<typeof thresholdsSchema>;

/** Used when knowledge/matching.yaml is absent; the shipped file holds the calibrated values. */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.6, suggest: 0.3, suggestWindow: 0.35 };

/**
 * Confidence of each candidate: its probability against its strongest rival (the best
 * other entry, and "none of them"), so a long message whose probability is spread thin
 * but clearly points one way is still answered; lowered by the share of the question
 * about things the knowledge base never mentions (the novelty: the share of the question
 * carried by words the knowledge base never uses).
 */
export function toCandidates(prediction: Prediction, novelty: number, lexicalTop?: string, limit = 5): Candidate[] {
  if (!prediction.understood) return [];
  const [first, second] = prediction.ranked;
  const known = 1 - novelty;
  const candidates = prediction.ranked.map((entry) => {
    const rival = entry === first ? (second?.probability ?? 0) : first.probability;
    const learned = (entry.probability / (entry.probability + rival + prediction.none)) * known;
    // The BM25 vote: agreeing closes part of the gap to 1, disagreeing takes a share off.
    const confidence = lexicalTop === undefined ? learned : entry.id === lexicalTop ? learned + (1 - learned) * AGREEMENT.gain : learned * AGREEMENT.keep;
    return { id: entry.id, confidence: clamp01(confidence), score: entry.probability };
  });
  // The vote can lift a lower entry above the first: rank by the final confidence.
  return candidates.sort((a, b) => b.confidence - a.confidence).slice(0, limit);
}

/** How much the lexical vote moves a confidence (chosen on dev2, checked on the blind set). */
const AGREEMENT = { gain: 0.2, keep: 0.9 };

export function decideKind(candidates: Candidate[], thresholds: Thresholds): { kind: DecisionKind; shown: Candidate[] } {
  const top = candidates[0];
  if (!top || top.confidence < thresholds.suggest) return { kind: 'fallback', shown: [] };
  if (top.confidence >= thresholds.answer) return { kind: 'answer', shown: [top] };
  const shown = candidates.filter((candidate) => candidate === top || candidate.score >= top.score * (1 - thresholds.suggestWindow)).slice(0, 3);
  return { kind: 'suggest', shown };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
