/**
 * Turns a knowledge-base decision into what the user sees: an answer with its
 * follow-ups, links and feedback; a "did you mean" with up to three questions;
 * or an honest fallback that offers the menu and a person.
 */
import type { Decision, KnowledgeEntry, Lang } from '../knowledge/types';
import { areaButtons } from './areas';
import { openUrl, postBack, type Button, type Reply, type Translator } from './reply';

export const MAX_SUGGESTIONS = 3;

export interface DecisionContext {
  t: Translator;
  lang: Lang;
  /** Resolves follow-up and candidate ids; unknown ids are skipped. */
  lookup: (id: string) => KnowledgeEntry | undefined;
  /** For `validUntil`; injected so tests do not depend on the clock. */
  now: Date;
}

/** True when the entry's `validUntil` date has passed. */
export function isOutdated(entry: KnowledgeEntry, now: Date): boolean {
  if (!entry.validUntil) return false;
  const until = Date.parse(entry.validUntil);
  // A date without time means the whole day is still valid.
  const endOfDay = /^\d{4}-\d{2}-\d{2}$/.test(entry.validUntil) ? until + 24 * 60 * 60 * 1000 : until;
  return Number.isFinite(endOfDay) && endOfDay <= now.getTime();
}

export function answerReply(
  ctx: DecisionContext,
  entry: KnowledgeEntry,
  confidence: number,
  candidates: readonly string[] = [entry.id],
): Reply {
  const { t, lang } = ctx;
  const paragraphs = [entry.answer[lang]];
  if (isOutdated(entry, ctx.now)) paragraphs.push(`_${t(lang, 'answer.outdated')}_`);

  const buttons: Button[] = [];
  for (const id of entry.followUps) {
    const followUp = ctx.lookup(id);
    if (followUp) buttons.push(postBack(followUp.question[lang], { action: 'entry', id }));
  }
  if (entry.flow) buttons.push(postBack(t(lang, 'answer.startFlow'), { action: 'flow', flow: entry.flow }));
  if (entry.action === 'menu') buttons.push(...areaButtons(t, lang));
  for (const link of entry.links) buttons.push(openUrl(link.title[lang], link.url));
  buttons.push(
    postBack(t(lang, 'feedback.up'), { action: 'feedback', id: entry.id, vote: 'up' }),
    postBack(t(lang, 'feedback.down'), { action: 'feedback', id: entry.id, vote: 'down' }),
  );

  return {
    text: paragraphs.join('\n\n'),
    buttons,
    trace: { entryId: entry.id, confidence, decision: 'answer', candidates: [...candidates] },
  };
}

export function fallbackReply(ctx: DecisionContext, confidence = 0, candidates: readonly string[] = []): Reply {
  const { t, lang } = ctx;
  return {
    text: t(lang, 'fallback.text'),
    buttons: [...areaButtons(t, lang), postBack(t(lang, 'handoff.button'), { action: 'handoff' })],
    trace: { entryId: null, confidence, decision: 'fallback', candidates: [...candidates] },
  };
}

export function suggestReply(ctx: DecisionContext, decision: Decision): Reply {
  const { t, lang } = ctx;
  const candidateIds = decision.candidates.map((candidate) => candidate.id);
  const shown = candidateIds
    .map((id) => ctx.lookup(id))
    .filter((entry): entry is KnowledgeEntry => entry !== undefined)
    .slice(0, MAX_SUGGESTIONS);
  if (shown.length === 0) return fallbackReply(ctx, decision.confidence, candidateIds);
  return {
    text: t(lang, 'suggest.text'),
    buttons: [
      ...shown.map((entry) => postBack(entry.question[lang], { action: 'entry', id: entry.id })),
      postBack(t(lang, 'suggest.none'), { action: 'none' }),
    ],
    trace: { entryId: null, confidence: decision.confidence, decision: 'suggest', candidates: candidateIds },
  };
}

/** The reply for a decision of the knowledge engine. */
export function decisionReply(ctx: DecisionContext, decision: Decision): Reply {
  const candidateIds = decision.candidates.map((candidate) => candidate.id);
  switch (decision.kind) {
    case 'answer':
      // An answer without its entry would be a bug in the engine: say we don't know rather than crash.
      return decision.entry
        ? answerReply(ctx, decision.entry, decision.confidence, candidateIds)
        : fallbackReply(ctx, decision.confidence, candidateIds);
    case 'suggest':
      return suggestReply(ctx, decision);
    case 'fallback':
      return fallbackReply(ctx, decision.confidence, candidateIds);
  }
}
