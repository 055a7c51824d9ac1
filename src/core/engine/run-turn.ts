/**
 * One whole turn against shared storage: load the state with its versions, decide,
 * commit what must be stored, save the state conditionally, then log. When another
 * writer (a second instance, a turn of the same user elsewhere) changed the state
 * since it was read, the turn is decided again from fresh state, a few times at
 * most, and only the last attempt's replies are sent: no update is lost. A commit
 * repeated by a re-run is keyed, so it is stored once (apply.ts).
 *
 * Storage trouble never hides an answer and never claims a save that did not happen:
 * - the state cannot be read: questions are still answered, but nothing that must be
 *   remembered (a form step, a setting) is started; the user is told why;
 * - the state cannot be written: a reply that only answers goes out; a step that
 *   would be forgotten is replaced by "could not save your progress"; a record that
 *   was stored is confirmed (its key makes the repeat harmless).
 */
import { key, type ReplyPlan } from '../conversation/plan';
import { StateConflictError } from '../state';
import { commitTurn, writeRecords, type TurnPorts } from './apply';
import { decideTurn, readMessage, replyLanguageFor } from './engine';
import type { EngineStateRepo, LoadedState } from './state-repo';
import { emptyState, type EngineContent, type EngineInput, type EngineOptions, type EngineState, type TurnEnv } from './types';
import type { Lang } from '../knowledge/types';

/** Attempts of a turn whose state write keeps losing races; then the user gets the storage apology. */
export const MAX_TURN_ATTEMPTS = 5;

export interface RunTurnDeps {
  state: EngineStateRepo;
  ports: TurnPorts;
  options: EngineOptions;
  /** Told the reply language as soon as it is known (the bot's error handler apologises in it). */
  onLang?: (lang: Lang) => void;
  maxAttempts?: number;
}

export interface TurnOutcome {
  replies: ReplyPlan[];
  afterReplies?: () => Promise<void>;
  /** How many times the turn was decided (1 unless it lost a race for the state). */
  attempts: number;
}

export async function runTurn(input: EngineInput, env: TurnEnv, content: EngineContent, deps: RunTurnDeps): Promise<TurnOutcome> {
  const { who } = env;
  const { ports } = deps;
  const maxAttempts = deps.maxAttempts ?? MAX_TURN_ATTEMPTS;
  // Staff hear of a record from the attempt that created it, even when that attempt lost
  // the race for the state and a re-run (which finds the record already there) replies.
  let notifyStaff: (() => Promise<void>) | undefined;
  // The message is read once, however many times the turn is decided.
  const message = readMessage(input, content, deps.options);
  for (let attempt = 1; ; attempt++) {
    let loaded: LoadedState | undefined;
    try {
      loaded = await deps.state.load(who);
    } catch (error) {
      ports.logger.error({ err: error }, 'could not read the conversation state');
    }
    const before = loaded?.state ?? emptyState();
    const lang = replyLanguageFor(before, message, env);
    deps.onLang?.(lang);
    const result = decideTurn(before, input, content, env, deps.options, message);

    if (!loaded) {
      // Without the state we cannot know what this message continues: answer, start nothing.
      if (mustBeRemembered(before, result.state)) return { replies: [notice(lang, 'error.stateUnavailable')], attempts: attempt };
      const applied = await commitTurn(result, who, ports);
      await writeRecords(result.records, ports);
      const answered = applied.replies.some((reply) => reply.trace?.decision === 'answer') || applied.committed;
      return {
        replies: answered ? applied.replies : [...applied.replies, notice(lang, 'error.stateUnreadable')],
        afterReplies: applied.afterReplies ?? notifyStaff,
        attempts: attempt,
      };
    }

    const applied = await commitTurn(result, who, ports);
    notifyStaff = applied.afterReplies ?? notifyStaff;
    // After a deletion nothing of the user is stored again, not even an empty state.
    if (applied.deleted) return { replies: applied.replies, attempts: attempt };
    try {
      await deps.state.save(who, loaded, applied.state);
    } catch (error) {
      if (error instanceof StateConflictError && attempt < maxAttempts) continue;
      ports.logger.error({ err: error, attempts: attempt }, 'could not save the conversation state');
      if (!applied.committed && mustBeRemembered(before, applied.state)) {
        return { replies: [notice(lang, 'error.stateUnavailable')], afterReplies: notifyStaff, attempts: attempt };
      }
      // Only answers, or a record that is stored: the replies are true as they stand.
      await writeRecords(result.records, ports);
      return { replies: applied.replies, afterReplies: notifyStaff, attempts: attempt };
    }
    await writeRecords(result.records, ports);
    return { replies: applied.replies, afterReplies: notifyStaff, attempts: attempt };
  }
}

/**
 * Whether the turn changed what must survive to the next turn: a form's progress, a
 * pending deletion, remembered answers, an open hand-over. The context of the last
 * answer, the recent questions and the reply language (set again by the next message
 * it is sure of) may be lost without the user being misled.
 */
function mustBeRemembered(before: EngineState, after: EngineState): boolean {
  const lasting = ({ conversation, user: { lang: _lang, ...user } }: EngineState) =>
    JSON.stringify([conversation.flow ?? null, conversation.confirmingDelete ?? false, user]);
  return lasting(before) !== lasting(after);
}

const notice = (lang: Lang, name: string): ReplyPlan => ({ lang, texts: [key(name)], buttons: [] });
