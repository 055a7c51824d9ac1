/**
 * "xóa dữ liệu" / "delete my data": first asked to confirm, saying what goes (contact
 * forms, hand-over requests, feedback, unanswered questions, and what the bot
 * remembers in every conversation). On yes, the deletion is the turn's commit: the
 * bot removes the records and every state it keeps for the user.
 */
import { checkYesNo } from '../flows';
import type { Utterance } from '../language/utterance';
import { button, key } from '../conversation/plan';
import { handoffButton } from '../conversation/decision-context';
import { reprompt } from './flow-turn';
import type { Turn } from './turn';
import { emptyState } from './types';
import { copyState } from './copy-state';

export function askToDelete(turn: Turn): void {
  turn.conversation.confirmingDelete = true;
  turn.say({
    lang: turn.lang,
    texts: [key('privacy.confirm')],
    buttons: [
      button(key('privacy.confirmYes'), { action: 'deleteData', confirm: true }),
      button(key('privacy.confirmNo'), { action: 'deleteData', confirm: false }),
    ],
  });
}

/**
 * The reply to the confirmation question, if this message is one: true when handled.
 * Anything other than yes or no drops the question and is handled as usual.
 */
export function confirmDeletion(turn: Turn, message: Utterance | undefined, clicked: boolean | undefined): boolean {
  if (!turn.conversation.confirmingDelete) return false;
  delete turn.conversation.confirmingDelete;
  const typed = message !== undefined ? checkYesNo(message) : undefined;
  const answer = clicked ?? (typed?.ok ? typed.value === true : undefined);
  if (answer === undefined) return false;
  if (!answer) {
    turn.say({ lang: turn.lang, texts: [key('privacy.kept')], buttons: [] });
    reprompt(turn);
    return true;
  }
  deleteEverything(turn);
  return true;
}

function deleteEverything(turn: Turn): void {
  const lang = turn.lang;
  const kept = copyState(turn.state);
  // Everything goes, the turn counter too; the reply language was chosen already.
  turn.state = emptyState();
  turn.commit = {
    kind: 'deleteUserData',
    done: (removed) => [{ lang, texts: [key('privacy.deleted', { count: removed })], buttons: [] }],
    failed: { replies: [{ lang, texts: [key('privacy.deleteFailed')], buttons: [handoffButton()] }], state: kept },
  };
}
