/**
 * Turns the records into the numbers of the staff report: questions per day by
 * decision, the language split, the most answered entries with their 👍/👎, and the
 * clusters of unanswered questions with the nearest existing entry. Pure: records in,
 * report data out; the time zone and "now" are parameters.
 */
import { maskPersonalData } from '../records/mask';
import { clusterQuestions, type ClusterOptions, type QuestionCluster } from './cluster';
import {
  feedbackRecordSchema,
  parseRecords,
  questionRecordSchema,
  unansweredRecordSchema,
  type Decision,
  type ReportRecords,
  type UnansweredRecord,
} from './records';

export const DECISIONS: readonly Decision[] = ['answer', 'suggest', 'fallback'];
export const REPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export type DayCounts = { day: string } & Record<Decision, number>;

export interface EntryStats {
  entryId: string;
  answered: number;
  up: number;
  down: number;
}

export interface NearestEntry {
  entryId: string;
  /** Average confidence of the entry for the cluster's questions, 0..1. */
  confidence: number;
}

export interface ReportCluster extends QuestionCluster {
  nearest?: NearestEntry;
}

export interface ReportData {
  generatedAt: string;
  timeZone: string;
  /** First day of the period (YYYY-MM-DD), when --since was given. */
  since?: string;
  days: DayCounts[];
  totals: Record<Decision, number> & { questions: number; unanswered: number; leads: number; handoffs: number; up: number; down: number };
  languages: { vi: number; en: number };
  entries: EntryStats[];
  clusters: ReportCluster[];
  /** Records without the documented shape, left out. */
  invalid: number;
}

export interface ReportOptions {
  now: Date;
  timeZone?: string;
  since?: string;
  /** The best entry for a question now (the knowledge answerer's top candidate). */
  nearest?: (text: string) => { id: string; confidence: number } | undefined;
  cluster: Omit<ClusterOptions, 'maxExamples'> & { maxExamples?: number };
  /** Entries listed in "top entries". */
  topEntries?: number;
}

export function buildReport(records: ReportRecords, options: ReportOptions): ReportData {
  const timeZone = options.timeZone ?? REPORT_TIME_ZONE;
  const dayOf = dayFormatter(timeZone);
  const questions = parseRecords(records.question, questionRecordSchema);
  const unanswered = parseRecords(records.unanswered, unansweredRecordSchema);
  const feedback = parseRecords(records.feedback, feedbackRecordSchema);

  const perDay = new Map<string, DayCounts>();
  const totals = { answer: 0, suggest: 0, fallback: 0 };
  const languages = { vi: 0, en: 0 };
  const entries = new Map<string, EntryStats>();
  const statsOf = (entryId: string) => {
    const stats = entries.get(entryId) ?? { entryId, answered: 0, up: 0, down: 0 };
    entries.set(entryId, stats);
    return stats;
  };
  for (const question of questions.valid) {
    const day = dayOf(question.at);
    const counts = perDay.get(day) ?? { day, answer: 0, suggest: 0, fallback: 0 };
    counts[question.decision] += 1;
    perDay.set(day, counts);
    totals[question.decision] += 1;
    languages[question.lang] += 1;
    if (question.decision === 'answer' && question.entryId) statsOf(question.entryId).answered += 1;
  }
  let up = 0;
  let down = 0;
  for (const vote of feedback.valid) {
    statsOf(vote.entryId)[vote.vote] += 1;
    if (vote.vote === 'up') up += 1;
    else down += 1;
  }

  const clusters = clusterQuestions(
    unanswered.valid.map((record) => maskPersonalData(record.text)),
    { maxExamples: 5, ...options.cluster },
  ).map((cluster) => ({ ...cluster, nearest: nearestEntry(cluster, unanswered.valid, options.nearest) }));

  const topEntries = [...entries.values()]
    .sort((a, b) => b.answered - a.answered || b.down - a.down || b.up - a.up || (a.entryId < b.entryId ? -1 : 1))
    .slice(0, options.topEntries ?? 20);

  return {
    generatedAt: options.now.toISOString(),
    timeZone,
    ...(options.since ? { since: options.since } : {}),
    days: fillDays([...perDay.values()], options.since),
    totals: { ...totals, questions: questions.valid.length, unanswered: unanswered.valid.length, leads: records.lead.length, handoffs: records.handoff.length, up, down },
    languages,
    entries: topEntries,
    clusters,
    invalid: questions.invalid + unanswered.invalid + feedback.invalid,
  };
}

/**
 * The entry the cluster's questions come closest to: the knowledge answerer's top
 * candidate for each question now, else the candidates recorded at the time.
 */
function nearestEntry(cluster: QuestionCluster, records: UnansweredRecord[], nearest: ReportOptions['nearest']): NearestEntry | undefined {
  const votes = new Map<string, { total: number; count: number }>();
  const add = (id: string, confidence: number) => {
    const vote = votes.get(id) ?? { total: 0, count: 0 };
    vote.total += confidence;
    vote.count += 1;
    votes.set(id, vote);
  };
  if (nearest) {
    for (const text of cluster.texts) {
      const candidate = nearest(text);
      if (candidate) add(candidate.id, candidate.confidence);
    }
  } else {
    const texts = new Set(cluster.texts);
    for (const record of records) {
      if (texts.has(maskPersonalData(record.text).trim().replace(/\s+/g, ' ')) && record.candidates[0]) add(record.candidates[0], record.confidence);
    }
  }
  let best: NearestEntry | undefined;
  let bestTotal = 0;
  for (const [entryId, vote] of [...votes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (vote.total > bestTotal) {
      best = { entryId, confidence: vote.total / vote.count };
      bestTotal = vote.total;
    }
  }
  return best;
}

/** YYYY-MM-DD of an ISO time in the time zone. */
export function dayFormatter(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (iso) => format.format(new Date(iso));
}

/** The UTC instant a day starts in the time zone ("2026-01-01" in Vietnam is 2025-12-31T17:00Z). */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(guess))
      .map((part) => [part.type, part.value]),
  );
  const asLocal = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return new Date(guess - (asLocal - guess));
}

/** Every day from the first (or `since`) to the last, days without questions as zeros. */
function fillDays(days: DayCounts[], since?: string): DayCounts[] {
  if (days.length === 0) return [];
  const byDay = new Map(days.map((counts) => [counts.day, counts]));
  const sorted = [...byDay.keys()].sort();
  const first = since && since < sorted[0] ? since : sorted[0];
  const last = sorted[sorted.length - 1];
  const out: DayCounts[] = [];
  for (let day = first; day <= last; day = nextDay(day)) out.push(byDay.get(day) ?? { day, answer: 0, suggest: 0, fallback: 0 });
  return out;
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
