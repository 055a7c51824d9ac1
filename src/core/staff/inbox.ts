/**
 * The staff inbox (issue 19): the questions that need a person's look, grouped by
 * similarity, each decided again against the live content.
 *
 * A question is in the inbox when, in the question log or the feedback, it
 * - got no answer (fallback) or only "did you mean" (suggest),
 * - was answered with a thin margin over the runner-up (a confidently wrong answer
 *   looks like this: a salary question answered with the labour-shortage entry),
 * - or was answered and then voted 👎.
 * It drops out when the live content now answers it with a clear margin (for a 👎:
 * with another entry than the one voted down), or when staff dismissed it.
 * Pure: records, the live answerer and the dismissals in; groups out.
 */
import type { Answerer, Decision, DecisionKind, Lang } from '../knowledge/types';
import { clusterQuestions, type WeightedTerms } from '../report/cluster';
import { feedbackRecordSchema, parseRecords, questionRecordSchema } from '../report/records';
import type { StoredRecord } from '../records/types';
import { questionKey, type Dismissals } from './dismissals';

/** An answer whose confidence leads the runner-up's by less than this is "thin" (dev2: ~4% of right answers, a quarter of the wrong ones). */
export const THIN_MARGIN = 0.35;
/** How many of the most recent question records the inbox and the change preview read. */
export const RECENT_QUESTIONS = 5000;
const NEAREST_PER_GROUP = 3;

export type InboxReason = 'fallback' | 'suggest' | 'thinMargin' | 'downvote';

export interface CurrentDecision {
  decision: DecisionKind;
  entryId: string | null;
  confidence: number;
  margin: number;
  /** Ranked candidate ids, best first. */
  candidates: string[];
}

export interface InboxQuestion {
  /** Identifies the question (its text, lower-cased): what dismissals and batch actions name. */
  key: string;
  /** The most recent spelling, personal data masked. */
  text: string;
  lang: Lang;
  /** How many times it was asked (or voted down). */
  count: number;
  lastAt: string;
  reasons: InboxReason[];
  /** The entry it was answered with when asked (thin margin, 👎). */
  answeredWith?: string;
  /** The decision the live content makes now. */
  now: CurrentDecision;
}

export interface InboxGroup {
  /** The first question's key: stable while the group keeps its most asked question. */
  id: string;
  size: number;
  questions: InboxQuestion[];
  /** The entries closest to the group's questions now, best first. */
  nearest: Array<{ id: string; confidence: number }>;
}

export interface InboxInput {
  /** The question log's records (newest last is not required; only the last RECENT_QUESTIONS by time are read). */
  questions: readonly StoredRecord[];
  feedback: readonly StoredRecord[];
  answerer: Answerer;
  dismissals: Dismissals;
  termsOf: (text: string) => WeightedTerms;
  /** Thin margin; THIN_MARGIN when absent. */
  thinMargin?: number;
}

export function decideNow(answerer: Answerer, text: string): CurrentDecision {
  return summarise(answerer.decide(text));
}

export function summarise(decision: Decision): CurrentDecision {
  const [first, second] = decision.candidates;
  return {
    decision: decision.kind,
    entryId: decision.kind === 'answer' ? (decision.entry?.id ?? null) : null,
    confidence: decision.confidence,
    margin: first ? first.confidence - (second?.confidence ?? 0) : 0,
    candidates: decision.candidates.map((candidate) => candidate.id),
  };
}

/** The most recent records, oldest first. */
export function mostRecent<T extends { at: string }>(records: readonly T[], limit = RECENT_QUESTIONS): T[] {
  return [...records].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).slice(-limit);
}

interface Gathered {
  key: string;
  text: string;
  lang: Lang;
  count: number;
  lastAt: string;
  reasons: Set<InboxReason>;
  answeredWith?: string;
  votedDown?: string;
}

export function buildInbox(input: InboxInput): InboxGroup[] {
  const thin = input.thinMargin ?? THIN_MARGIN;
  const gathered = new Map<string, Gathered>();
  const note = (text: string, lang: Lang, at: string, reason: InboxReason, entryId?: string) => {
    const key = questionKey(text);
    if (!key) return;
    const item = gathered.get(key) ?? { key, text, lang, count: 0, lastAt: at, reasons: new Set<InboxReason>() };
    item.count += 1;
    if (at >= item.lastAt) Object.assign(item, { text, lang, lastAt: at });
    item.reasons.add(reason);
    if (entryId && reason === 'downvote') item.votedDown = entryId;
    if (entryId) item.answeredWith = entryId;
    gathered.set(key, item);
  };

  for (const record of mostRecent(parseRecords([...input.questions], questionRecordSchema).valid)) {
    const margin = typeof record.margin === 'number' ? record.margin : undefined;
    if (record.decision === 'fallback' || record.decision === 'suggest') note(record.text, record.lang, record.at, record.decision);
    else if (margin !== undefined && margin < thin && record.entryId) note(record.text, record.lang, record.at, 'thinMargin', record.entryId);
  }
  for (const vote of parseRecords([...input.feedback], feedbackRecordSchema).valid) {
    const question = typeof vote.question === 'string' ? vote.question : undefined;
    const lang = vote.lang === 'en' ? 'en' : 'vi';
    if (vote.vote === 'down' && question) note(question, lang, vote.at, 'downvote', vote.entryId);
  }

  const dismissed = new Set(input.dismissals.items.map((item) => item.key));
  const open = new Map<string, InboxQuestion>();
  for (const item of gathered.values()) {
    if (dismissed.has(item.key)) continue;
    const now = decideNow(input.answerer, item.text);
    if (isSettled(now, item, thin)) continue;
    open.set(item.key, {
      key: item.key,
      text: item.text,
      lang: item.lang,
      count: item.count,
      lastAt: item.lastAt,
      reasons: [...item.reasons].sort(),
      ...(item.answeredWith ? { answeredWith: item.answeredWith } : {}),
      now,
    });
  }
  return group([...open.values()], input.termsOf);
}

/** Answered now with a clear margin, and (for a 👎) by another entry than the one voted down. */
function isSettled(now: CurrentDecision, item: Gathered, thin: number): boolean {
  if (now.decision !== 'answer' || now.margin < thin) return false;
  return item.votedDown === undefined || now.entryId !== item.votedDown;
}

function group(questions: InboxQuestion[], termsOf: (text: string) => WeightedTerms): InboxGroup[] {
  const byKey = new Map(questions.map((question) => [question.key, question]));
  // Repeats count: a question asked five times weighs five in its cluster.
  const texts = questions.flatMap((question) => Array<string>(question.count).fill(question.text));
  const clusters = clusterQuestions(texts, { termsOf, maxExamples: 1 });
  const placed = new Set<string>();
  const groups: InboxGroup[] = [];
  for (const cluster of clusters) {
    const members = cluster.texts.map((text) => byKey.get(questionKey(text))).filter((question): question is InboxQuestion => question !== undefined && !placed.has(question.key));
    if (members.length === 0) continue;
    members.forEach((member) => placed.add(member.key));
    groups.push(toGroup(members));
  }
  // Questions without a word the clustering can weigh (emoji, digits) are groups of their own.
  for (const question of questions) if (!placed.has(question.key)) groups.push(toGroup([question]));
  return groups.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
}

function toGroup(members: InboxQuestion[]): InboxGroup {
  members.sort((a, b) => b.count - a.count || (a.lastAt < b.lastAt ? 1 : -1));
  const score = new Map<string, number>();
  for (const member of members) {
    member.now.candidates.slice(0, NEAREST_PER_GROUP).forEach((id, rank) => {
      // The confidence is known for the first candidate only; lower ranks count less.
      const weight = rank === 0 ? member.now.confidence : member.now.confidence / (rank + 1);
      score.set(id, (score.get(id) ?? 0) + weight * member.count);
    });
  }
  const size = members.reduce((sum, member) => sum + member.count, 0);
  const nearest = [...score]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, NEAREST_PER_GROUP)
    .map(([id, total]) => ({ id, confidence: Math.min(1, total / size) }));
  return { id: members[0].key, size, questions: members, nearest };
}

export interface AnsweredQuestion {
  text: string;
  lang: Lang;
  count: number;
  lastAt: string;
  /** The margin over the runner-up when it was answered. */
  margin?: number;
  runnerUp?: string;
  now: CurrentDecision;
}

/** "Questions answered with this entry": the recent questions the log says it answered, with today's decision. */
export function questionsAnsweredWith(entryId: string, questions: readonly StoredRecord[], answerer: Answerer): AnsweredQuestion[] {
  const found = new Map<string, AnsweredQuestion>();
  for (const record of mostRecent(parseRecords([...questions], questionRecordSchema).valid)) {
    if (record.decision !== 'answer' || record.entryId !== entryId) continue;
    const key = questionKey(record.text);
    const item = found.get(key);
    const margin = typeof record.margin === 'number' ? record.margin : undefined;
    const runnerUp = typeof record.runnerUp === 'string' ? record.runnerUp : undefined;
    if (item) {
      item.count += 1;
      item.lastAt = record.at;
      continue;
    }
    found.set(key, { text: record.text, lang: record.lang, count: 1, lastAt: record.at, ...(margin !== undefined ? { margin } : {}), ...(runnerUp ? { runnerUp } : {}), now: decideNow(answerer, record.text) });
  }
  // The least certain first: those are the ones to check.
  return [...found.values()].sort((a, b) => (a.margin ?? 1) - (b.margin ?? 1) || b.count - a.count);
}
