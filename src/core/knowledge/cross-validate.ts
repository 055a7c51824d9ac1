/**
 * Honest numbers without a test set: k-fold cross-validation over the knowledge base's
 * own alternates and off-topic examples. Each is decided by a matcher trained without it, as is, and after a story sentence (as students write), and the thresholds
 * are chosen from those decisions (`npm run eval -- --cv` and `-- --calibrate`).
 */
import { decideKind, type Thresholds } from './decide';
import { fusedCandidates, inScopeProbability } from './fusion';
import { KnowledgeIndex } from './index';
import type { LoadedKnowledge } from './loader';
import type { KnowledgeBase } from './types';
import { story } from './model/augment';
import { LexicalVote } from './model/lexical-vote';
import { LearnedMatcher, NONE, offTopicPhrases, phrasesOf } from './model/learned-matcher';
import { seededRandom, shuffleInPlace } from './model/random';
import { nextTurn } from './model/slices';

export interface HeldOutDecision {
  text: string;
  /** The held-out phrasing as written (`text` may have a story before it). */
  phrasing: string;
  expect: string | null;
  style: 'phrasing' | 'after-a-story';
  top: string;
  confidence: number;
  /** How likely the question is one for the knowledge base at all (fusion.ts): what `suggest` is compared with. */
  inScope: number;
  /** The entries the bot would show at the current thresholds: the one answered, or those a "did you mean" offers (none: the fallback). */
  shown: string[];
}

/**
 * Decides every phrasing with a matcher trained on the other folds. Trained in slices with
 * the event loop's turns between them, so a running bot (the staff console's confusable
 * neighbours, neighbours.ts) keeps answering meanwhile.
 */
export async function crossValidate(content: LoadedKnowledge, folds = 5, seed = 11, signal?: AbortSignal): Promise<HeldOutDecision[]> {
  const entryIds = content.kb.entries.map((entry) => entry.id);
  // Each entry's main question always trains (an entry cannot exist without it); every
  // alternate and off-topic example is held out once.
  const questions = new Set(content.kb.entries.flatMap((entry) => [entry.question.vi, entry.question.en]));
  const all = [...phrasesOf(content.kb), ...offTopicPhrases(content.offTopic)];
  const alwaysTrained = all.filter((phrase) => phrase.label !== NONE && questions.has(phrase.text));
  const trained = new Set(alwaysTrained);
  const phrases = shuffleInPlace(seededRandom(seed), all.filter((phrase) => !trained.has(phrase)));
  const random = seededRandom(seed + 1);
  const results: HeldOutDecision[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const training = [...alwaysTrained, ...phrases.filter((_, index) => index % folds !== fold)];
    const heldOut = phrases.filter((_, index) => index % folds === fold);
    const matcher = await LearnedMatcher.learn(entryIds, training, content.lexicon);
    // The lexical side sees only the training phrasings too.
    const trainingKb = withPhrasings(content, training);
    const index = await KnowledgeIndex.build(trainingKb, content.lexicon);
    const lexical = await LexicalVote.build(trainingKb, content.lexicon);
    signal?.throwIfAborted();
    for (const phrase of heldOut) {
      for (const style of ['phrasing', 'after-a-story'] as const) {
        const text = style === 'phrasing' ? phrase.text : `${story(phrase.lang, random)} ${phrase.text}`;
        results.push({ text, phrasing: phrase.text, expect: phrase.label === NONE ? null : phrase.label, style, ...decideWith(matcher, index, lexical, text, content) });
      }
      await nextTurn();
      signal?.throwIfAborted();
    }
  }
  return results;
}

function decideWith(matcher: LearnedMatcher, index: KnowledgeIndex, lexical: LexicalVote, text: string, { fusion, thresholds }: Pick<LoadedKnowledge, 'fusion' | 'thresholds'>): Pick<HeldOutDecision, 'top' | 'confidence' | 'inScope' | 'shown'> {
  const prediction = matcher.predict(text);
  const input = { prediction, novelty: index.novelty(prediction.asking), wholeNovelty: index.novelty(text), votes: { asked: lexical.topEntry(prediction.asking), whole: lexical.topEntry(text) }, words: text.split(/\s+/).filter(Boolean).length };
  const candidates = fusedCandidates(input, fusion);
  const [top] = candidates;
  const inScope = inScopeProbability(input, candidates, fusion);
  return { top: top?.id ?? '', confidence: top?.confidence ?? 0, inScope, shown: decideKind(candidates, thresholds, inScope).shown.map((candidate) => candidate.id) };
}

/** The knowledge base with only the given phrasings as alternates (held-out ones removed). */
function withPhrasings(content: LoadedKnowledge, phrases: { text: string; label: string; lang: 'vi' | 'en' }[]): KnowledgeBase {
  const kept = new Set(phrases.map((phrase) => `${phrase.label}\u0000${phrase.lang}\u0000${phrase.text}`));
  const entries = content.kb.entries.map((entry) => ({
    ...entry,
    alternates: {
      vi: entry.alternates.vi.filter((text) => kept.has(`${entry.id}\u0000vi\u0000${text}`)),
      en: entry.alternates.en.filter((text) => kept.has(`${entry.id}\u0000en\u0000${text}`)),
    },
  }));
  return { entries, byId: new Map(entries.map((entry) => [entry.id, entry])) };
}

export interface CalibrationTargets {
  /** Share of answers that must be right. */
  precision: number;
  /** Share of off-topic questions that must get "I don't know" (no answer, no "did you mean"). */
  offTopicRefused: number;
}

export const CALIBRATION_TARGETS: CalibrationTargets = { precision: 0.97, offTopicRefused: 0.9 };

/**
 * The lowest answer threshold whose answers are right at least `precision` of the time,
 * and the lowest suggest threshold that still refuses `offTopicRefused` of off-topic ones.
 */
export function calibrate(decisions: Pick<HeldOutDecision, 'expect' | 'top' | 'confidence' | 'inScope'>[], current: Thresholds, targets = CALIBRATION_TARGETS): Thresholds {
  const grid = Array.from({ length: 91 }, (_, i) => 0.05 + i * 0.01);
  const inScope = decisions.filter((d) => d.expect !== null);
  const offTopic = decisions.filter((d) => d.expect === null);
  if (inScope.length < MIN_CALIBRATION_ANSWERS || offTopic.length === 0) {
    throw new Error(`calibration needs at least ${MIN_CALIBRATION_ANSWERS} in-scope and some off-topic questions (got ${inScope.length} and ${offTopic.length})`);
  }
  // Precision of everything answered at t, off-topic answers included; too few answers say nothing.
  const precisionAt = (t: number) => {
    const answered = decisions.filter((d) => d.confidence >= t);
    return answered.length < MIN_CALIBRATION_ANSWERS ? 0 : answered.filter((d) => d.top === d.expect).length / answered.length;
  };
  const answer = grid.find((t) => precisionAt(t) >= targets.precision);
  if (answer === undefined) throw new Error(`no threshold gives answers right ${targets.precision * 100}% of the time; the current ones are kept`);
  // Refused: neither answered nor offered.
  const refusedAt = (t: number) => offTopic.filter((d) => d.confidence < answer && d.inScope < t).length / offTopic.length;
  const suggest = grid.find((t) => refusedAt(t) >= targets.offTopicRefused) ?? 1;
  return { ...current, answer: round2(answer), suggest: round2(suggest) };
}

/** Fewer answers than this at a threshold cannot show a precision of 97%. */
const MIN_CALIBRATION_ANSWERS = 20;

export interface HeldOutSummary {
  style: string;
  inScope: number;
  answeredCorrect: number;
  wrongAnswer: number;
  offTopic: number;
  offTopicRefused: number;
}

/** What the thresholds do to the held-out decisions, overall and by style. */
export function summarise(decisions: HeldOutDecision[], thresholds: Thresholds): HeldOutSummary[] {
  const groups = new Map<string, HeldOutDecision[]>([['overall', decisions]]);
  for (const d of decisions) groups.set(d.style, [...(groups.get(d.style) ?? []), d]);
  return [...groups].map(([style, members]) => {
    const inScope = members.filter((d) => d.expect !== null);
    const offTopic = members.filter((d) => d.expect === null);
    const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
    return {
      style,
      inScope: inScope.length,
      answeredCorrect: share(inScope.filter((d) => d.confidence >= thresholds.answer && d.top === d.expect).length, inScope.length),
      wrongAnswer: share(inScope.filter((d) => d.confidence >= thresholds.answer && d.top !== d.expect).length, inScope.length),
      offTopic: offTopic.length,
      offTopicRefused: share(offTopic.filter((d) => d.confidence < thresholds.answer && d.inScope < thresholds.suggest).length, offTopic.length),
    };
  });
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
