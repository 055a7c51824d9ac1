/** Keys of values the bot leaves in TurnContext.turnState for the rest of the turn (error handler, dialogs). */
import type { TurnContext } from 'botbuilder';
import type { Lang } from '../core/knowledge/types';

const TURN_LANG = Symbol('replyLang');

export function setTurnLang(context: TurnContext, lang: Lang): void {
  context.turnState.set(TURN_LANG, lang);
}

/** The reply language chosen for this turn, once the bot has chosen it. */
export function getTurnLang(context: TurnContext): Lang | undefined {
  return context.turnState.get(TURN_LANG) as Lang | undefined;
}
