/**
 * The learned ranking and the lexical one, fused into calibrated numbers. The learned model
 * ranks the right entry first more often than it is sure of it (93-94% first on the
 * development sets, but only 82-89% answered), and BM25 over whole entries is right on
 * other messages than the model is: either alone is weaker than both.
 *
 * Two small logistic models read what the scorers said about a message:
 * - `confidence` of a candidate: how likely it is the entry asked about, from its
 *   probability against its strongest rival, its own probability, "none of them", the
 *   share of the question the knowledge base never mentions (novelty), and whether BM25
 *   over the asking part and over the whole message ranks it first;
 * - `inScope` of the message: how likely it is a question for the knowledge base at all,
 *   from "none of them", the probability the first three candidates share, the novelty
 *   of the asking part and of the whole message, and the two BM25 votes for the first.
 *
 * The weights were fitted on the development sets' labelled questions (dev2 and dev3,
 * 671 cases, outside this repository) and checked across them (fitted on one, measured
 * on the other). Thresholds on both numbers are in knowledge/matching.yaml.
 */
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
}

/** bias, log relative probability, log probability, log none, novelty, BM25 asked agrees, BM25 whole agrees. */
const CONFIDENCE_WEIGHTS = [1.041, 0.63, 1.394, -0.201, -1.215, 0.526, 1.795];
/** bias, log none, log of the first three's probability, novelty asked, novelty whole, BM25 asked agrees, BM25 whole agrees. */
const IN_SCOPE_WEIGHTS = [0.384, -0.839, 1.247, -1.472, -1.355, 0.54, 0.748];

/** Every ranked entry with its calibrated confidence, surest first. */
export function fusedCandidates({ prediction, novelty, votes }: FusionInput): Candidate[] {
  if (!prediction.understood) return [];
  const [first, second] = prediction.ranked;
  const candidates = prediction.ranked.map((entry) => {
    const rival = entry === first ? (second?.probability ?? 0) : first.probability;
    const relative = entry.probability / (entry.probability + rival + prediction.none);
    const confidence = logistic(CONFIDENCE_WEIGHTS, [log(relative), log(entry.probability), log(prediction.none), novelty, agrees(votes.asked, entry.id), agrees(votes.whole, entry.id)]);
    return { id: entry.id, confidence, score: entry.probability };
  });
  return candidates.sort((a, b) => b.confidence - a.confidence);
}

/** How likely the message is a question for the knowledge base at all, given the candidates left to offer. */
export function inScopeProbability({ prediction, novelty, wholeNovelty, votes }: FusionInput, candidates: Candidate[]): number {
  const top = candidates[0];
  if (!top) return 0;
  const shared = candidates.slice(0, 3).reduce((sum, candidate) => sum + candidate.score, 0);
  return logistic(IN_SCOPE_WEIGHTS, [log(prediction.none), log(shared), novelty, wholeNovelty, agrees(votes.asked, top.id), agrees(votes.whole, top.id)]);
}

function agrees(vote: string | undefined, id: string): number {
  return vote === id ? 1 : 0;
}

function log(value: number): number {
  return Math.log(value + 1e-6);
}

function logistic(weights: number[], features: number[]): number {
  let z = weights[0];
  for (let i = 0; i < features.length; i++) z += weights[i + 1] * features[i];
  return 1 / (1 + Math.exp(-z));
}
