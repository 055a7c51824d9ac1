/**
 * Turns a knowledge-base decision into what the user sees: an answer with its
 * follow-ups, links, the flow it offers and feedback; a "did you mean" with up to
 * three questions; or an honest fallback that offers the menu and a person.
 */
import type { Decision, KnowledgeEntry } from '../knowledge/types';
import { areaButtons } from './areas';
import { button, key, type PlanButton, type ReplyPlan, type Text } from './plan';
import { handoffButton, MAX_SUGGESTIONS, type DecisionContext } from './decision-context';
import { threadPreface, threadReply } from './thread-replies';

/** True when the entry's `validUntil` date has passed. */
export function isOutdated(entry: KnowledgeEntry, now: Date): boolean {
  if (!entry.validUntil) return false;
  const until = Date.parse(entry.validUntil);
  // A date without time means the whole day is still valid.
  const endOfDay = /^\d{4}-\d{2}-\d{2}$/.test(entry.validUntil) ? until + 24 * 60 * 60 * 1000 : until;
  return Number.isFinite(endOfDay) && endOfDay <= now.getTime();
}

/** A button that starts a guided flow, labelled with what it does (the flow's `button`). */
export const flowButton = (flow: string): PlanButton => button({ flow, field: 'button' }, { action: 'flow', flow });

/** `preface`: said before the answer (a reaction to the last answer gets it again, introduced). */
export function answerReply(ctx: DecisionContext, entry: KnowledgeEntry, confidence: number, candidates: readonly string[] = [entry.id], preface?: Text): ReplyPlan {
  const texts: Text[] = [...(preface ? [preface] : []), { entry: entry.id, field: 'answer', ...(ctx.audience ? { audience: ctx.audience } : {}) }];
  if (isOutdated(entry, ctx.now)) texts.push({ key: 'answer.outdated', style: 'italic' });

  const buttons: PlanButton[] = [];
  for (const id of entry.followUps) {
    if (ctx.lookup(id)) buttons.push(button({ entry: id, field: 'question' }, { action: 'entry', id }));
  }
  if (entry.flow) buttons.push(flowButton(entry.flow));
  if (entry.action === 'menu') buttons.push(...areaButtons());
  entry.links.forEach((link, index) => buttons.push({ title: { entry: entry.id, link: index }, url: link.url }));
  buttons.push(
    button(key('feedback.up'), { action: 'feedback', id: entry.id, vote: 'up' }),
    button(key('feedback.down'), { action: 'feedback', id: entry.id, vote: 'down' }),
  );
  return { lang: ctx.lang, texts, buttons, trace: { entryId: entry.id, confidence, decision: 'answer', candidates: [...candidates] } };
}

export function fallbackReply(ctx: Pick<DecisionContext, 'lang'>, confidence = 0, candidates: readonly string[] = []): ReplyPlan {
  return {
    lang: ctx.lang,
    texts: [key('fallback.text')],
    buttons: [...areaButtons(), handoffButton()],
    trace: { entryId: null, confidence, decision: 'fallback', candidates: [...candidates] },
  };
}

export function suggestReply(ctx: DecisionContext, decision: Decision): ReplyPlan {
  const candidateIds = decision.candidates.map((candidate) => candidate.id);
  const shown = candidateIds.filter((id) => ctx.lookup(id) !== undefined).slice(0, MAX_SUGGESTIONS);
  if (shown.length === 0) return fallbackReply(ctx, decision.confidence, candidateIds);
  return {
    lang: ctx.lang,
    texts: [key('suggest.text')],
    buttons: [
      ...shown.map((id) => button({ entry: id, field: 'question' }, { action: 'entry', id })),
      button(key('suggest.none'), { action: 'none' }),
    ],
    trace: { entryId: null, confidence: decision.confidence, decision: 'suggest', candidates: candidateIds },
  };
}

/** The reply for a decision of the knowledge engine. */
export function decisionReply(ctx: DecisionContext, decision: Decision): ReplyPlan {
  // A follow-up that keeps the thread without an answer says so and offers the previous topic.
  if (decision.thread && decision.kind !== 'answer') return threadReply(ctx, { ...decision, thread: decision.thread });
  const candidateIds = decision.candidates.map((candidate) => candidate.id);
  switch (decision.kind) {
    case 'answer':
      // An answer without its entry would be a bug in the matcher: say we don't know rather than crash.
      return decision.entry
        ? answerReply(ctx, decision.entry, decision.confidence, candidateIds, threadPreface(decision))
        : fallbackReply(ctx, decision.confidence, candidateIds);
    case 'suggest':
      return suggestReply(ctx, decision);
    case 'fallback':
      return fallbackReply(ctx, decision.confidence, candidateIds);
  }
}
