/**
 * Replies for a follow-up that keeps the thread (knowledge/thread.ts): a reaction to the
 * last answer ("why?", "thật ko?") gets that answer again, introduced as what the bot can
 * tell about it; a question about a thing we do not answer for ("what about Korea?") or one
 * that fits nothing in the previous topic says so plainly and offers the previous topic
 * (the follow-ups it offers, its area's list, a person), never another area's answer.
 */
import type { Decision } from '../knowledge/types';
import { isMenuArea, areaTitle } from './areas';
import { handoffButton, MAX_SUGGESTIONS, type DecisionContext } from './decision-context';
import { button, key, type PlanButton, type ReplyPlan, type Text } from './plan';

type ThreadDecision = Decision & { thread: NonNullable<Decision['thread']> };

/** What is said before an answer given again as a reaction to it ("About “…”, this is what I can tell you:"). */
export function threadPreface(decision: Pick<Decision, 'thread' | 'entry'>): Text | undefined {
  if (decision.thread?.kind !== 'reaction' || !decision.entry) return undefined;
  return key('thread.reaction', { question: { entry: decision.entry.id, field: 'question' } });
}

export function threadReply(ctx: DecisionContext, decision: ThreadDecision): ReplyPlan {
  const previous = ctx.lookup(decision.thread.previousEntryId);
  const candidateIds = decision.candidates.map((candidate) => candidate.id);
  const trace = { entryId: null, confidence: decision.confidence, decision: decision.kind === 'suggest' ? ('suggest' as const) : ('fallback' as const), candidates: candidateIds };
  const question = previous ? { entry: previous.id, field: 'question' as const } : key('thread.thisTopic');
  const buttons: PlanButton[] = [];
  const offer = (id: string) => {
    if (buttons.length < MAX_SUGGESTIONS && ctx.lookup(id)) buttons.push(button({ entry: id, field: 'question' }, { action: 'entry', id }));
  };
  if (previous) for (const id of previous.followUps) offer(id);
  if (previous && isMenuArea(previous.area)) buttons.push(button(areaTitle(previous.area), { action: 'menu', area: previous.area }));
  buttons.push(handoffButton());
  const text = decision.thread.kind === 'not-ours' ? key('thread.notOurs', { thing: decision.thread.named ?? '' }) : key('thread.unclear', { question });
  return { lang: ctx.lang, texts: [text], buttons, trace };
}
