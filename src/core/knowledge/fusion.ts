/**
 * The learned ranking and the lexical one, fused into calibrated numbers. The learned model
 * ranks the right entry first more often than it is sure of it, and BM25 over whole entries
 * is right on other messages than the model is: either alone is weaker than both.
 *
 * Two small logistic models read what the scorers said about a message:
 * - `confidence` of a candidate: how likely it is the entry asked about, from its
 *   probability against its strongest rival, its own probability, "none of them", the
 *   share of the question the knowledge base never mentions (novelty), whether BM25 over
 *   the asking part and over the whole message ranks it first, and the message's length;
 * - `inScope` of the message: how likely it is a question for the knowledge base at all,
 *   from "none of them", the probability the first three candidates share, the novelty
 *   of the asking part and of the whole message, the two BM25 votes for the first, and
 *   the message's length.
 * The confidence also reads whether the message is read in the light of the previous answer
 * (a follow-up), where BM25, which reads the message alone, votes less often; a follow-up's
 * `inScope` is compared with a lower `suggest` instead (load-answerer.ts).
 *
 * The length is a feature because a long message full of back-story reads less surely
 * than a short one asking the same thing (more words the knowledge base never uses, more
 * weight on "none"): without it, the weights fitted on short questions refused long ones.
 *
 * The weights are data: `fusion` in knowledge/matching.yaml, fitted by
 * `npm run eval -- --fit-fusion` on the labelled development questions (fit-fusion.ts).
 * Thresholds on both numbers are in the same file.
 */
import { z } from 'zod';
import type { Prediction } from './model/learned-matcher';
import type { Candidate } from './types';

/** The BM25 votes: the entry ranked first over the asking part, and over the whole message. */
export interface LexicalVotes {
  asked: string | undefined;
  whole: string | undefined;
}

/** What the scorers say about a message, before the conversation's context. */
export interface FusionInput {
  prediction: Prediction;
  /** Share of the asking part carried by words the knowledge base never uses. */
  novelty: number;
  /** The same for the whole message. */
  wholeNovelty: number;
  votes: LexicalVotes;
  /** Words in the whole message. */
  words: number;
  /** Read in the light of the previous answer (a follow-up): BM25, reading the message alone, votes less often then. */
  inContext?: boolean;
}

export const CONFIDENCE_FEATURES = ['bias', 'logRelative', 'logProbability', 'logNone', 'novelty', 'askedVote', 'wholeVote', 'logWords', 'inContext'] as const;
export const IN_SCOPE_FEATURES = ['bias', 'logNone', 'logShared', 'novelty', 'wholeNovelty', 'askedVote', 'wholeVote', 'logWords'] as const;

type WeightsOf<Names extends readonly string[]> = Record<Names[number], number>;
export type ConfidenceWeights = WeightsOf<typeof CONFIDENCE_FEATURES>;
export type InScopeWeights = WeightsOf<typeof IN_SCOPE_FEATURES>;

/** A weight left out counts 0: a file fitted before a feature existed still loads (and a refit writes it). */
function weightsSchema<Names extends readonly [string, ...string[]]>(names: Names) {
  return z.strictObject(Object.fromEntries(names.map((name) => [name, z.number().finite().default(0)])) as Record<Names[number], z.ZodDefault<z.ZodNumber>>);
}

/** `fusion` in knowledge/matching.yaml: written by `npm run eval -- --fit-fusion`, not by hand. */
export const fusionWeightsSchema = z.strictObject({
  confidence: weightsSchema(CONFIDENCE_FEATURES),
  inScope: weightsSchema(IN_SCOPE_FEATURES),
});

export type FusionWeights = { confidence: ConfidenceWeights; inScope: InScopeWeights };

/** Used when matching.yaml has no `fusion`: the weights fitted on dev2 and dev3 before the length feature. */
export const DEFAULT_FUSION_WEIGHTS: FusionWeights = {
  confidence: { bias: 1.041, logRelative: 0.63, logProbability: 1.394, logNone: -0.201, novelty: -1.215, askedVote: 0.526, wholeVote: 1.795, logWords: 0, inContext: 0 },
  inScope: { bias: 0.384, logNone: -0.839, logShared: 1.247, novelty: -1.472, wholeNovelty: -1.355, askedVote: 0.54, wholeVote: 0.748, logWords: 0 },
};

/** The confidence features of each ranked entry, in the prediction's order (fit-fusion.ts fits on them). */
export function confidenceFeatures({ prediction, novelty, votes, words, inContext }: FusionInput): { id: string; score: number; features: number[] }[] {
  if (!prediction.understood) return [];
  const [first, second] = prediction.ranked;
  return prediction.ranked.map((entry) => {
    const rival = entry === first ? (second?.probability ?? 0) : first.probability;
    const relative = entry.probability / (entry.probability + rival + prediction.none);
    return {
      id: entry.id,
      score: entry.probability,
      features: [1, log(relative), log(entry.probability), log(prediction.none), novelty, agrees(votes.asked, entry.id), agrees(votes.whole, entry.id), logWords(words), inContext ? 1 : 0],
    };
  });
}

/** The inScope features of a message, given the candidates left to offer (none: nothing to offer). */
export function inScopeFeatures({ prediction, novelty, wholeNovelty, votes, words }: FusionInput, candidates: Candidate[]): number[] | undefined {
  const top = candidates[0];
  if (!top) return undefined;
  const shared = candidates.slice(0, 3).reduce((sum, candidate) => sum + candidate.score, 0);
  return [1, log(prediction.none), log(shared), novelty, wholeNovelty, agrees(votes.asked, top.id), agrees(votes.whole, top.id), logWords(words)];
}

/** Every ranked entry with its calibrated confidence, surest first. */
export function fusedCandidates(input: FusionInput, weights: FusionWeights = DEFAULT_FUSION_WEIGHTS): Candidate[] {
  const vector = CONFIDENCE_FEATURES.map((name) => weights.confidence[name]);
  return confidenceFeatures(input)
    .map(({ id, score, features }) => ({ id, confidence: logistic(vector, features), score }))
    .sort((a, b) => b.confidence - a.confidence);
}

/** How likely the message is a question for the knowledge base at all, given the candidates left to offer. */
export function inScopeProbability(input: FusionInput, candidates: Candidate[], weights: FusionWeights = DEFAULT_FUSION_WEIGHTS): number {
  const features = inScopeFeatures(input, candidates);
  return features ? logistic(IN_SCOPE_FEATURES.map((name) => weights.inScope[name]), features) : 0;
}

function agrees(vote: string | undefined, id: string): number {
  return vote === id ? 1 : 0;
}

function log(value: number): number {
  return Math.log(value + 1e-6);
}

/** Log of the word count, counted from 8 words: a short question and a one-word one read alike. */
function logWords(words: number): number {
  return Math.log(Math.max(words, 8) / 8);
}

export function logistic(weights: readonly number[], features: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += weights[i] * features[i];
  return 1 / (1 + Math.exp(-z));
}
