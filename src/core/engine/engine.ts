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
import { fallbackReply, handoffButton } from '../conversation/decision-replies';
import { areaMenuReply, welcomeReply } from '../conversation/menus';
import { key } from '../conversation/plan';
import { chooseReplyLanguage } from '../conversation/reply-language';
import { prepareInput } from '../conversation/user-input';
import { findStep, validateAnswer } from '../flows';
import { detectLanguage } from '../language/detect';
import { applyControls } from './controls';
import { askToDelete, confirmDeletion } from './delete-data';
import { activeFlow, answerByButton, continueFlow, dropFlow, reprompt, startFlow, stepHelp } from './flow-turn';
import { handoverOnly, startHandover } from './handover';
import { answerEntry, answerQuestion, decisionContext, forgetContext } from './knowledge-turn';
import { flowAskedFor } from './triggers';
import { Turn } from './turn';
import type { Lang } from '../knowledge/types';
import type { EngineContent, EngineInput, EngineOptions, EngineState, TurnEnv, TurnResult } from './types';

export function decideTurn(state: EngineState, input: EngineInput, content: EngineContent, env: TurnEnv, options: EngineOptions): TurnResult {
  // Staff controls narrow the content first: nothing switched off is reachable by any path.
  const turn = new Turn(state, applyControls(content), env, options);
  if (input.kind === 'join') {
    turn.lang = chooseReplyLanguage({ preferred: turn.user.lang, locale: env.locale });
    turn.say(welcomeReply(turn.lang));
    return turn.result();
  }
  handleMessage(turn, input);
  return turn.result();
}

/**
 * The language the turn will answer in, before deciding it (the bot's error handler
 * apologises in it). The message's language when detection is sure, except inside a
 * form: typed answers (a name, "yes") say nothing about the language the user wants.
 */
export function replyLanguageFor(state: EngineState, input: EngineInput, env: Pick<TurnEnv, 'locale'>): Lang {
  const text = input.kind === 'message' && typeof input.text === 'string' && input.value === undefined ? input.text : undefined;
  const detected = text !== undefined && !state.conversation.flow ? detectLanguage(text) : undefined;
  return chooseReplyLanguage({ detected, preferred: detected?.sure && detected.lang ? detected.lang : state.user.lang, locale: env.locale });
}

function handleMessage(turn: Turn, input: Extract<EngineInput, { kind: 'message' }>): void {
  turn.conversation.turn += 1;
  const clicked = parseButtonValue(input.value);
  const prepared = prepareInput(clicked ? undefined : input.text, input.hasAttachments ?? false, turn.options.maxMessageLength);
  const text = prepared.kind === 'text' ? prepared.text : undefined;
  if (text !== undefined && audienceOf(text) === 'parent') turn.conversation.audience = 'parent';
  const inForm = activeFlow(turn);
  const detected = text !== undefined && !inForm ? detectLanguage(text) : undefined;
  if (detected?.sure && detected.lang) turn.user.lang = detected.lang;
  turn.lang = chooseReplyLanguage({ detected, preferred: turn.user.lang, locale: turn.env.locale });

  // 1. The answer to "delete all my data?".
  const deleteAnswer = clicked?.action === 'deleteData' ? clicked.confirm : undefined;
  if (confirmDeletion(turn, text, deleteAnswer)) return;
  // A confirmation button from earlier, with nothing to confirm now.
  if (clicked?.action === 'deleteData') return turn.sayAreas();

  // 2. Commands, unless the words answer the choice on screen.
  // Read on the raw text: "?" alone is a command but has no words.
  const typed = clicked ? undefined : input.text;
  const command = typed ? recogniseCommand(typed) : null;
  if (command && !(inForm && answersChoice(inForm, typed ?? ''))) {
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
    continueFlow(turn, text ?? (typed ?? '').slice(0, turn.options.maxMessageLength));
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
  const asked = flowAskedFor(prepared.text, turn.content.flows);
  if (asked) {
    if (asked === 'handoff') startHandover(turn);
    else startFlow(turn, asked);
    return;
  }

  // 6. The knowledge base, unless staff answer everything themselves today.
  if (turn.content.controls?.handoverOnly) return handoverOnly(turn, prepared.text);
  answerQuestion(turn, prepared.text);
}

/**
 * The question behind a vote, when the vote is on the last answer: staff see what was
 * asked next to the 👎. Stored with the user's ids, so "delete my data" removes it.
 */
function votedQuestion(turn: Turn, entryId: string): { question?: string } {
  const last = turn.conversation.lastAnswer;
  return last?.entryId === entryId && last.question !== undefined ? { question: last.question } : {};
}

function answersChoice(form: NonNullable<ReturnType<typeof activeFlow>>, text: string): boolean {
  const stepId = form.active.stepId;
  const step = stepId ? findStep(form.flow, stepId) : undefined;
  return step?.kind === 'choice' && validateAnswer(step, text).ok;
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
      if (clicked.area && isMenuArea(clicked.area)) return turn.say(areaMenuReply(turn.lang, clicked.area, turn.content.entries));
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
