/**
 * Turns ranked entries into the bot's decision: answer, "did you mean", or an honest
 * fallback. Thresholds are data (knowledge/matching.yaml, else the defaults below), chosen on
 * the development set with `npm run eval`, so they can be retuned without code.
 */
import { z } from 'zod';
import type { ScoredEntry } from './index';
import type { Candidate, DecisionKind } from './types';

export const thresholdsSchema = z.strictObject({
  /** Confidence at or above which the top entry is answered directly. */
  answer: z.number().min(0).max(1),
  /** Confidence at or above which candidates are offered as "did you mean". */
  suggest: z.number().min(0).max(1),
  /** A candidate is offered only when its confidence is within this distance of the top one. */
  suggestWindow: z.number().min(0).max(1),
  /** How much a close second candidate lowers the top one's confidence. */
  ambiguityPenalty: z.number().min(0).max(1),
});

export type Thresholds = z.output<typeof thresholdsSchema>;

/** Used when knowledge/matching.yaml is absent; the shipped file holds the tuned values. */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.5, suggest: 0.36, suggestWindow: 0.2, ambiguityPenalty: 0.3 };

/**
 * Confidence of each candidate: its match score, lowered when the next candidate is
 * nearly as good (a question that fits two entries equally well is not a sure answer).
 */
export function toCandidates(ranked: ScoredEntry[], thresholds: Thresholds): Candidate[] {
  return ranked.map((entry, index) => {
    const next = ranked[index + 1];
    // 0 while the next candidate scores under 80% of this one, 1 when it ties.
    const closeness = next && entry.score > 0 ? Math.max(0, next.score / entry.score - 0.8) / 0.2 : 0;
    const confidence = entry.score * (1 - thresholds.ambiguityPenalty * closeness);
    return { id: entry.entryId, confidence: clamp01(confidence), score: entry.rawScore };
  });
}

export function decideKind(candidates: Candidate[], thresholds: Thresholds): { kind: DecisionKind; shown: Candidate[] } {
  const top = candidates[0];
  if (!top || top.confidence < thresholds.suggest) return { kind: 'fallback', shown: [] };
  if (top.confidence >= thresholds.answer) return { kind: 'answer', shown: [top] };
  const shown = candidates.filter((candidate) => candidate.confidence >= Math.max(thresholds.suggest * 0.8, top.confidence - thresholds.suggestWindow)).slice(0, 3);
  return { kind: 'suggest', shown };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
