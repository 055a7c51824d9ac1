/**
 * Follow-up evaluation: two-turn cases { first, firstExpect, followUp, expect, lang }
 * where the follow-up only makes sense after the first message ("còn ở Campuchia thì
 * sao?"). Both messages go through the conversation engine in one conversation, so
 * the follow-up is decided exactly as the bot decides it: with the context the engine
 * keeps. The same cases without context (a fresh conversation) are the baseline.
 */
import { z } from 'zod';
import type { DecisionTrace } from '../conversation/reply';
import { decideTurn } from './engine';
import { emptyState, type EngineContent, type EngineState } from './types';

export const followUpCasesSchema = z.array(
  z.object({
    first: z.string().min(1),
    firstExpect: z.string().nullable(),
    followUp: z.string().min(1),
    expect: z.string().nullable(),
    lang: z.enum(['vi', 'en']),
    /** What the follow-up does: what-about, pronoun, reaction, off-topic (optional; reported by kind). */
    kind: z.string().min(1).optional(),
  }),
);
export type FollowUpCase = z.output<typeof followUpCasesSchema>[number];

export type FollowUpOutcome = 'right' | 'suggested' | 'wrong' | 'missed';

export interface FollowUpResult {
  followUp: string;
  kind?: string;
  expect: string | null;
  /** What the first message was answered with. */
  firstId: string | null;
  decision: DecisionTrace['decision'] | null;
  id: string | null;
  suggestions: string[];
  outcome: FollowUpOutcome;
}

/** Shares of the cases of one kind. */
export interface FollowUpRates {
  n: number;
  right: number;
  reachable: number;
  wrong: number;
}

export interface FollowUpReport {
  cases: FollowUpResult[];
  /** By the cases' `kind`, when they have one. */
  byKind: Record<string, FollowUpRates>;
  /** Shares of all cases: answered with the expected entry; that or offered in "did you mean"; answered with another entry. */
  right: number;
  reachable: number;
  wrong: number;
  firstRight: number;
}

const SUGGESTIONS_SHOWN = 3;

function trace(content: EngineContent, state: EngineState, text: string, lang: 'vi' | 'en', contextTurns: number) {
  const env = { who: { channelId: 'eval', conversationId: 'eval', userId: 'eval' }, locale: lang, now: new Date(), newReference: () => 'PN-EVAL22' };
  const result = decideTurn(state, { kind: 'message', text }, content, env, { maxMessageLength: 2000, contextTurns });
  return { state: result.state, trace: result.replies.find((reply) => reply.trace)?.trace };
}

export function judge(expected: string | null, seen: DecisionTrace | undefined): FollowUpOutcome {
  if (!seen) return 'missed';
  if (seen.decision === 'answer') return seen.entryId === expected ? 'right' : 'wrong';
  if (seen.decision === 'suggest' && expected !== null && seen.candidates.slice(0, SUGGESTIONS_SHOWN).includes(expected)) return 'suggested';
  return expected === null ? 'right' : 'missed';
}

/** `withContext: false` decides each follow-up in a fresh conversation (the baseline). */
export function evaluateFollowUps(cases: readonly FollowUpCase[], content: EngineContent, withContext = true): FollowUpReport {
  const results = cases.map((c): FollowUpResult & { firstOk: boolean } => {
    const first = trace(content, emptyState(), c.first, c.lang, 3);
    const start = withContext ? first.state : emptyState();
    const second = trace(content, start, c.followUp, c.lang, withContext ? 3 : 0);
    const seen = second.trace;
    return {
      followUp: c.followUp,
      ...(c.kind !== undefined ? { kind: c.kind } : {}),
      expect: c.expect,
      firstId: first.trace?.entryId ?? null,
      firstOk: first.trace?.entryId === c.firstExpect,
      decision: seen?.decision ?? null,
      id: seen?.entryId ?? null,
      suggestions: seen?.decision === 'suggest' ? seen.candidates.slice(0, SUGGESTIONS_SHOWN) : [],
      outcome: judge(c.expect, seen),
    };
  });
  const share = (test: (r: (typeof results)[number]) => boolean, among = results) => (among.length === 0 ? 0 : among.filter(test).length / among.length);
  const byKind: Record<string, FollowUpRates> = {};
  for (const kind of new Set(results.flatMap((r) => (r.kind !== undefined ? [r.kind] : [])))) {
    const among = results.filter((r) => r.kind === kind);
    byKind[kind] = {
      n: among.length,
      right: share((r) => r.outcome === 'right', among),
      reachable: share((r) => r.outcome === 'right' || r.outcome === 'suggested', among),
      wrong: share((r) => r.outcome === 'wrong', among),
    };
  }
  return {
    cases: results.map(({ firstOk: _firstOk, ...rest }) => rest),
    byKind,
    right: share((r) => r.outcome === 'right'),
    reachable: share((r) => r.outcome === 'right' || r.outcome === 'suggested'),
    wrong: share((r) => r.outcome === 'wrong'),
    firstRight: share((r) => r.firstOk),
  };
}

export function formatFollowUpReport(title: string, report: FollowUpReport): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const kinds = Object.entries(report.byKind).map(([kind, rates]) => `\n  ${kind.padEnd(12)} right ${pct(rates.right)}, reachable ${pct(rates.reachable)}, wrong ${pct(rates.wrong)} (n=${rates.n})`);
  return `${title}: follow-up answered right ${pct(report.right)}, reachable ${pct(report.reachable)}, wrong ${pct(report.wrong)} (n=${report.cases.length}; first message right ${pct(report.firstRight)})${kinds.join('')}`;
}
