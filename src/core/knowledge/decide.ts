/**
 * Turns the learned matcher's probabilities into the bot's decision: answer, "did you
 * mean", or an honest fallback. Thresholds are data (knowledge/matching.yaml, else the
 * defaults below), chosen by `npm run eval -- --calibrate` on held-out phrasings, so they
 * can be re-chosen without code whenever the knowledge base grows.
 */
import { z } from 'zod';
import type { Candidate, DecisionKind } from './types';

export const thresholdsSchema = z.strictObject({
  /** Confidence at or above which the top entry is answered directly. */
  answer: z.number().min(0).max(1),
  /** Probability that the message is a question for the knowledge base (fusion.ts) at or above which candidates are offered as "did you mean". */
  suggest: z.number().min(0).max(1),
  /** Other entries are offered when their probability is within this share of the best one's. */
  suggestWindow: z.number().min(0).max(1),
});

export type Thresholds = z.output<typeof thresholdsSchema>;

/** Used when knowledge/matching.yaml is absent; the shipped file holds the calibrated values. */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.6, suggest: 0.3, suggestWindow: 0.35 };

/**
 * Answer the top candidate when its confidence reaches `answer`; otherwise offer candidates
 * when the message is likely enough a question for the knowledge base at all (`inScope`,
 * see fusion.ts) to reach `suggest`; otherwise the honest fallback.
 */
export function decideKind(candidates: Candidate[], thresholds: Thresholds, inScope = candidates[0]?.confidence ?? 0): { kind: DecisionKind; shown: Candidate[] } {
  const top = candidates[0];
  if (!top) return { kind: 'fallback', shown: [] };
  if (top.confidence >= thresholds.answer) return { kind: 'answer', shown: [top] };
  if (inScope < thresholds.suggest) return { kind: 'fallback', shown: [] };
  const shown = candidates.filter((candidate) => candidate === top || candidate.score >= top.score * (1 - thresholds.suggestWindow)).slice(0, 3);
  return { kind: 'suggest', shown };
}
