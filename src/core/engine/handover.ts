/**
 * Asking for a person. One open request per user: while one is with staff, a second
 * ask says so and since when, instead of sending staff a duplicate. Otherwise the
 * hand-over flow (dialogs/handoff.yaml) runs with the recent questions; its own
 * consent question says that the contact and those questions are sent.
 */
import { key } from '../conversation/plan';
import type { DecisionTrace } from '../conversation/reply';
import type { Lang } from '../knowledge/types';
import { isWithinOfficeHours, nextOpening } from './office-hours';
import { startFlow } from './flow-turn';
import { rememberQuestion } from './recent-questions';
import { DEFAULT_HANDOVER_OPEN_HOURS, type Turn } from './turn';

export const HANDOFF_FLOW = 'handoff';

export function startHandover(turn: Turn, trace?: DecisionTrace): void {
  const open = openHandover(turn);
  if (open) {
    turn.say({
      lang: turn.lang,
      texts: [key('handoff.alreadyOpen', { reference: open.reference, since: formatTime(new Date(open.at), turn.lang) })],
      buttons: [],
      ...(trace ? { trace } : {}),
    });
    return;
  }
  const hours = turn.content.controls?.officeHours;
  if (hours && !isWithinOfficeHours(turn.env.now, hours)) {
    // Outside office hours the request is still taken, and the student knows when to expect a reply.
    turn.say({ lang: turn.lang, texts: [key('handoff.outsideHours', { next: formatTime(nextOpening(turn.env.now, hours), turn.lang) })], buttons: [] });
  }
  const before = turn.replies.length;
  startFlow(turn, HANDOFF_FLOW, { recentQuestions: turn.conversation.recentQuestions });
  const first = turn.replies[before];
  if (trace && first) first.trace = trace;
}

/**
 * "Hand-over only" (staff control for a bad day): no answer from the knowledge base; the
 * question travels with the hand-over request and the student is told why.
 */
export function handoverOnly(turn: Turn, question?: string): void {
  if (question !== undefined) rememberQuestion(turn, question);
  turn.say({ lang: turn.lang, texts: [key('handoff.handoverOnly')], buttons: [] });
  startHandover(turn);
}

/** The open request, if one was made within the open period. */
function openHandover(turn: Turn): { reference: string; at: string } | undefined {
  const open = turn.user.openHandover;
  if (!open) return undefined;
  const hours = turn.options.handoverOpenHours ?? DEFAULT_HANDOVER_OPEN_HOURS;
  if (turn.env.now.getTime() - Date.parse(open.at) > hours * 3600_000) {
    delete turn.user.openHandover;
    return undefined;
  }
  return open;
}

/** Vietnam time, which staff and students share. */
function formatTime(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
}
