/**
 * The conversation engine: (state, input, content) -> (replies, new state, records).
 * One turn, in order:
 *   1. a pending "delete my data?" takes its yes or no;
 *   2. commands (the one table), also inside a form, where a choice on screen wins
 *      over a command with the same words ("English" as a preferred language);
 *   3. buttons, by the ids they carry (a form's choice buttons answer the form);
 *   4. a form in progress takes the message;
 *   5. an action asked for in words starts its flow;
 *   6. otherwise the knowledge base decides, with the context of the last answer.
 * Plain TypeScript: src/bot adapts activities and storage, src/core/engine/apply.ts
 * writes the records.
 */
import { audienceOf } from '../language/audience';
import { isMenuArea } from '../conversation/areas';
import { parseButtonValue, type ButtonValue } from '../conversation/button-value';
import { recogniseCommand, type Command } from '../conversation/commands';
import { handoffButton } from '../conversation/decision-context';
import { fallbackReply } from '../conversation/decision-replies';
import { areaMenuReply, welcomeReply } from '../conversation/menus';
import { key } from '../conversation/plan';
import { chooseReplyLanguage, messageLanguage } from '../conversation/reply-language';
import { prepareInput } from '../conversation/user-input';
import { findStep, validateAnswer } from '../flows';
import { applyControls } from './controls';
import { askToDelete, confirmDeletion } from './delete-data';
import { activeFlow, answerByButton, continueFlow, dropFlow, reprompt, startFlow, stepHelp } from './flow-turn';
import { handoverOnly, startHandover } from './handover';
import { answerEntry, answerQuestion, decisionContext, entryTitled, forgetContext } from './knowledge-turn';
import { flowAskedFor } from './triggers';
import { Turn } from './turn';
import type { Lang } from '../knowledge/types';
import { readUtterance, type Utterance } from '../language/utterance';
import type { EngineContent, EngineInput, EngineOptions, EngineState, TurnEnv, TurnResult } from './types';

/**
 * `message`: the turn's message read once (readMessage); runTurn reads it before the turn
 * (for the reply language it announces) and passes it in, so nothing reads it twice.
 */
export function decideTurn(
  state: EngineState,
  input: EngineInput,
  content: EngineContent,
  env: TurnEnv,
  options: EngineOptions,
  message: Utterance | undefined = readMessage(input, content, options),
): TurnResult {
  // Staff controls narrow the content first: nothing switched off is reachable by any path.
  const turn = new Turn(state, applyControls(content), env, options);
  if (input.kind === 'join') {
    turn.lang = replyLanguageFor(state, undefined, env);
    // One welcome per conversation, however many ways the channel says the user arrived.
    if (turn.conversation.welcomed) return turn.result();
    turn.conversation.welcomed = true;
    turn.say(welcomeReply(turn.lang));
    return turn.result();
  }
  handleMessage(turn, input, message);
  return turn.result();
}

/**
 * The one reading of the turn's message: what the user typed, trimmed and cut to the
 * longest message read, with the knowledge base's lexicon. None for a button click (its
 * value carries ids) or a join.
 */
export function readMessage(input: EngineInput, content: EngineContent, options: EngineOptions): Utterance | undefined {
  if (input.kind !== 'message' || typeof input.text !== 'string' || parseButtonValue(input.value)) return undefined;
  const prepared = prepareInput(input.text, false, options.maxMessageLength);
  if (prepared.kind === 'empty') return undefined;
  // Symbols only ("?", "?!") have no words but may still be a command or a form's answer.
  return content.answerer.read(prepared.kind === 'text' ? prepared.text : input.text.trim().slice(0, options.maxMessageLength));
}

/**
 * The language the turn answers in (chooseReplyLanguage, the one rule), known before the
 * turn is decided (the bot's error handler apologises in it). The message's language when
 * detection is sure, except inside a form: typed answers (a name, "yes") say nothing about
 * the language the user wants.
 */
export function replyLanguageFor(state: EngineState, message: Utterance | undefined, env: Pick<TurnEnv, 'locale'>): Lang {
  return chooseReplyLanguage({ message, inForm: state.conversation.flow !== undefined, preferred: state.user.lang, locale: env.locale });
}

/**
 * The reply language outside a decided turn, by the same rule: the server's "slow down"
 * notice (the message's own language when sure, else the channel's locale) and the bot's
 * last-resort apology before the turn chose one (the locale). They pass these in and read the result.
 */
export function replyLanguageOutsideTurn(signals: { locale?: string; text?: string }): Lang {
  return chooseReplyLanguage({ message: signals.text ? readUtterance(signals.text) : undefined, locale: signals.locale });
}

function handleMessage(turn: Turn, input: Extract<EngineInput, { kind: 'message' }>, message: Utterance | undefined): void {
  turn.conversation.turn += 1;
  const clicked = parseButtonValue(input.value);
  const prepared = prepareInput(clicked ? undefined : input.text, input.hasAttachments ?? false, turn.options.maxMessageLength);
  // The message when it has words (not "?!", not an attachment alone).
  const typed = prepared.kind === 'text' ? message : undefined;
  if (typed !== undefined && audienceOf(typed) === 'parent') turn.conversation.audience = 'parent';
  const inForm = activeFlow(turn);
  // A sure detection outside a form is remembered as the user's language.
  const asked = messageLanguage({ message: typed, inForm: inForm !== undefined });
  if (asked) turn.user.lang = asked;
  turn.lang = replyLanguageFor(turn.state, typed, turn.env);
  if (input.welcomeIfNew && !turn.conversation.welcomed) {
    turn.conversation.welcomed = true;
    turn.say(welcomeReply(turn.lang));
  }

  // 1. The answer to "delete all my data?".
  const deleteAnswer = clicked?.action === 'deleteData' ? clicked.confirm : undefined;
  if (confirmDeletion(turn, typed, deleteAnswer)) return;
  // A confirmation button from earlier, with nothing to confirm now.
  if (clicked?.action === 'deleteData') return turn.sayAreas();

  // 2. Commands, unless the words answer the choice on screen.
  // Read on the raw text: "?" alone is a command but has no words.
  const command = message ? recogniseCommand(message) : null;
  if (command && message && !(inForm && answersChoice(inForm, message))) {
    runCommand(turn, command, inForm !== undefined);
    return;
  }

  // 3. Buttons carry ids and never go through text matching.
  if (clicked) {
    handleButton(turn, clicked);
    return;
  }

  // 4. A form in progress takes the message (empty input is refused with its reason).
  if (inForm) {
    // Symbols only ("?!") still answer the question, wrongly: say why, as for any answer.
    continueFlow(turn, message ?? '');
    return;
  }

  switch (prepared.kind) {
    case 'empty':
      return turn.sayAreas(key('input.empty'));
    case 'noWords':
      return turn.sayAreas(key('input.noWords'));
    case 'attachmentOnly':
      return turn.sayAreas(key('input.attachmentOnly'));
    case 'text':
      break;
  }
  if (prepared.truncated) turn.say({ lang: turn.lang, texts: [key('input.truncated', { max: turn.options.maxMessageLength })], buttons: [] });

  // 5. "Em muốn để lại số điện thoại" asks for the form, not for PN's number.
  const question = typed ?? prepared.text;
  const flow = flowAskedFor(question, turn.content.flows);
  if (flow) {
    if (flow === 'handoff') startHandover(turn);
    else startFlow(turn, flow);
    return;
  }

  // 6. The knowledge base, unless staff answer everything themselves today.
  if (turn.content.controls?.handoverOnly) return handoverOnly(turn, prepared.text);
  const titled = entryTitled(turn, question);
  if (titled) return answerEntry(turn, titled, 1, [titled.id]);
  answerQuestion(turn, question);
}

/**
 * The question behind a vote, when the vote is on the last answer: staff see what was
 * asked next to the 👎. Stored with the user's ids, so "delete my data" removes it.
 */
function votedQuestion(turn: Turn, entryId: string): { question?: string } {
  const last = turn.conversation.lastAnswer;
  return last?.entryId === entryId && last.question !== undefined ? { question: last.question } : {};
}

function answersChoice(form: NonNullable<ReturnType<typeof activeFlow>>, message: Utterance): boolean {
  const stepId = form.active.stepId;
  const step = stepId ? findStep(form.flow, stepId) : undefined;
  return step?.kind === 'choice' && validateAnswer(step, message).ok;
}

function runCommand(turn: Turn, command: Command, inForm: boolean): void {
  switch (command.kind) {
    case 'lang':
      turn.user.lang = command.lang;
      turn.lang = command.lang;
      if (inForm) {
        turn.say({ lang: turn.lang, texts: [key('flows:language.switched')], buttons: [] });
        reprompt(turn);
        return;
      }
      forgetContext(turn);
      return turn.sayAreas(key('language.switched'));
    case 'help':
      if (inForm) return stepHelp(turn);
      return turn.sayAreas();
    case 'menu':
    case 'cancel':
      forgetContext(turn);
      if (dropFlow(turn)) return turn.sayAreas(key('flows:cancelled'));
      return turn.sayAreas(key(command.kind === 'cancel' ? 'cancel.done' : 'help.text'));
    case 'handoff':
      return startHandover(turn);
    case 'deleteData':
      return askToDelete(turn);
  }
}

function handleButton(turn: Turn, clicked: ButtonValue): void {
  switch (clicked.action) {
    case 'menu':
      forgetContext(turn);
      if (clicked.area && isMenuArea(clicked.area)) return turn.say(areaMenuReply(turn.lang, clicked.area, turn.content.entries, clicked.from));
      return turn.sayAreas();
    case 'lang':
      return runCommand(turn, { kind: 'lang', lang: clicked.lang }, activeFlow(turn) !== undefined);
    case 'entry': {
      const entry = turn.content.answerer.entry(clicked.id);
      // A button from an older version of the knowledge base may name an entry that is gone.
      if (!entry) return turn.say(fallbackReply(decisionContext(turn)));
      if (turn.content.controls?.handoverOnly) return handoverOnly(turn);
      return answerEntry(turn, entry, 1, [entry.id]);
    }
    case 'feedback':
      turn.commit = {
        kind: 'append',
        // One vote per click: a turn re-run after a state conflict stores it once.
        ...(turn.env.activityId ? { key: [turn.env.who.channelId, turn.env.who.conversationId, 'activity', turn.env.activityId].join('/') } : {}),
        record: { kind: 'feedback', data: { ...turn.env.who, entryId: clicked.id, vote: clicked.vote, lang: turn.lang, ...votedQuestion(turn, clicked.id) } },
        // Never thank someone for feedback that was not kept.
        failed: { replies: [{ lang: turn.lang, texts: [key('feedback.saveFailed')], buttons: [] }], state: turn.state },
      };
      return turn.say({
        lang: turn.lang,
        texts: [key(clicked.vote === 'up' ? 'feedback.thanksUp' : 'feedback.thanksDown')],
        buttons: clicked.vote === 'down' ? [handoffButton()] : [],
      });
    case 'flow':
      if (clicked.flow === 'handoff') return startHandover(turn);
      return startFlow(turn, clicked.flow);
    case 'answer':
      if (activeFlow(turn)) return answerByButton(turn, clicked.step, clicked.value);
      // The form is over (or was cancelled): the old button says nothing useful now.
      return turn.sayAreas();
    case 'none':
      return turn.say(fallbackReply(decisionContext(turn)));
    case 'handoff':
      return startHandover(turn);
    case 'deleteData':
      return;
  }
}
