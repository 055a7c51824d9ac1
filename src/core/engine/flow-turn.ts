/**
 * Guided flows inside the engine: start, ask the next step, check an answer, re-ask
 * with the reason, answer a question asked mid-form, and finish with the outcome
 * (its record committed before the confirmation is sent). The step and outcome
 * rules themselves are src/core/flows.
 */
import { isQuestionWord } from '../language/question-words';
import { phraseOf, textOf, type Utterance } from '../language/utterance';
import { button, key, type PlanButton, type ReplyPlan, type Text } from '../conversation/plan';
import { flowButton } from '../conversation/decision-replies';
import {
  acceptPrefill,
  chooseOutcome,
  findStep,
  nextStep,
  savedKind,
  validateAnswer,
  type AnswerCheck,
  type Answers,
  type Flow,
  type Offer,
  type Outcome,
  type Step,
} from '../flows';
import type { Turn } from './turn';
import type { ActiveFlow } from './types';
import { copyState } from './copy-state';

/** Confidence above which a question asked mid-form is answered from the knowledge base. */
export const MID_FLOW_ANSWER_CONFIDENCE = 0.8;
/** After this many refused answers the re-prompt also says how to stop. */
const CANCEL_HINT_AFTER = 2;
/** Recent questions kept with a hand-over: enough context, little personal data. */
const MAX_RECENT_QUESTIONS = 10;
const MAX_QUESTION_LENGTH = 500;

interface Retry {
  reason: string;
  params?: Record<string, number>;
  attempt: number;
}

/** The flow in progress, if it is still loaded (an edit may have removed it: then it is dropped). */
export function activeFlow(turn: Turn): { active: ActiveFlow; flow: Flow } | undefined {
  const active = turn.conversation.flow;
  if (!active) return undefined;
  const flow = turn.content.flows.byId.get(active.id);
  if (!flow) {
    delete turn.conversation.flow;
    return undefined;
  }
  return { active, flow };
}

export function dropFlow(turn: Turn): boolean {
  const had = turn.conversation.flow !== undefined;
  delete turn.conversation.flow;
  return had;
}

export interface StartOptions {
  /** Answers already known (validated like typed answers; their steps are skipped). */
  prefill?: Record<string, unknown>;
  recentQuestions?: string[];
}

/** Starts a flow, ending any in progress. An unknown id gets a polite reply, not an error. */
export function startFlow(turn: Turn, flowId: string, options: StartOptions = {}): void {
  dropFlow(turn);
  const flow = turn.content.flows.byId.get(flowId);
  if (!flow) {
    turn.sayAreas(key('flow.unavailable'));
    return;
  }
  const known = knownAnswers(turn, flow);
  turn.conversation.flow = {
    id: flow.id,
    run: turn.env.newReference(),
    answers: acceptPrefill(flow, { ...known, ...options.prefill }),
    attempts: 0,
    ...(options.recentQuestions
      ? { recentQuestions: options.recentQuestions.slice(-MAX_RECENT_QUESTIONS).map((q) => String(q).slice(0, MAX_QUESTION_LENGTH)) }
      : {}),
  };
  if (flow.intro) turn.say({ lang: turn.lang, texts: [{ flow: flow.id, field: 'intro' }], buttons: [] });
  advance(turn, flow);
}

/** Remembered answers for steps that may skip them. */
function knownAnswers(turn: Turn, flow: Flow): Answers {
  const remembered = turn.user.remembered ?? {};
  const known: Answers = {};
  for (const step of flow.steps) {
    const value = remembered[step.id];
    if (step.skipIfKnown && value !== undefined) known[step.id] = value;
  }
  return known;
}

/** Asks the next step, or finishes the flow when none is left. */
function advance(turn: Turn, flow: Flow): void {
  const active = turn.conversation.flow;
  if (!active) return;
  const step = nextStep(flow, active.answers);
  if (!step) {
    complete(turn, flow, active);
    return;
  }
  active.stepId = step.id;
  active.attempts = 0;
  ask(turn, flow, step);
}

/** The step waiting for an answer (recomputed when an edit removed the asked one). */
function currentStep(flow: Flow, active: ActiveFlow): Step | undefined {
  return (active.stepId ? findStep(flow, active.stepId) : undefined) ?? nextStep(flow, active.answers);
}

/** Asks the current step again, in the current language (after help, a switch, a mid-form answer). */
export function reprompt(turn: Turn): void {
  const current = activeFlow(turn);
  if (!current) return;
  const step = currentStep(current.flow, current.active);
  if (step) ask(turn, current.flow, step);
  else advance(turn, current.flow);
}

/** The current question's own help (or the generic one for its kind), with the commands. */
export function stepHelp(turn: Turn): void {
  const current = activeFlow(turn);
  const step = current && currentStep(current.flow, current.active);
  if (!current || !step) return;
  const audience = turn.conversation.audience;
  const help: Text = step.help ? { flow: current.flow.id, step: step.id, field: 'help', ...(audience ? { audience } : {}) } : key(`flows:help.${step.kind}`);
  turn.say({ lang: turn.lang, texts: [help, key('flows:help.commands')], buttons: [] });
  ask(turn, current.flow, step);
}

/** A typed message while a flow waits: a question the knowledge base answers well, or an answer. */
export function continueFlow(turn: Turn, message: string | Utterance): void {
  const text = textOf(message);
  const current = activeFlow(turn);
  if (!current) return;
  const { flow, active } = current;
  const step = currentStep(flow, active);
  if (!step) {
    advance(turn, flow);
    return;
  }
  const check = validateAnswer(step, message);
  // Free-text steps accept almost any words ("Ai được đăng ký học PN" looks like a name), so
  // there a message that reads as a question and that the knowledge base answers confidently
  // is taken as a question. A valid answer that is no question ("Nguyen Van An") stays an answer.
  const mayBeQuestion = !check.ok || (step.kind === 'text' && looksLikeQuestion(message));
  if (mayBeQuestion && text.trim() !== '') {
    const decision = turn.content.answerer.decide(message);
    if (decision.kind === 'answer' && decision.entry && decision.confidence >= MID_FLOW_ANSWER_CONFIDENCE) {
      turn.say({
        lang: turn.lang,
        texts: [{ entry: decision.entry.id, field: 'answer' }],
        buttons: [],
        trace: { entryId: decision.entry.id, confidence: decision.confidence, decision: 'answer', candidates: decision.candidates.map((c) => c.id) },
      });
      ask(turn, flow, step);
      return;
    }
  }
  take(turn, flow, active, step, check);
}

/** A question mark, or a question word ("ai", "gì", "bao nhiêu", "how": question-words.ts) among the words. */
export function looksLikeQuestion(message: string | Utterance): boolean {
  if (textOf(message).includes('?')) return true;
  return phraseOf(message).split(' ').some(isQuestionWord);
}

/** A button answer ({ action: 'answer', step, value }); a stale button (another step) re-asks. */
export function answerByButton(turn: Turn, stepId: string, value: string): void {
  const current = activeFlow(turn);
  if (!current) return;
  const { flow, active } = current;
  const step = currentStep(flow, active);
  if (!step || step.id !== stepId) {
    reprompt(turn);
    return;
  }
  const check: AnswerCheck =
    step.kind === 'confirm'
      ? value === 'yes' || value === 'no'
        ? { ok: true, value: value === 'yes' }
        : { ok: false, reason: 'notYesNo' }
      : validateAnswer(step, value);
  take(turn, flow, active, step, check);
}

function take(turn: Turn, flow: Flow, active: ActiveFlow, step: Step, check: AnswerCheck): void {
  if (check.ok) {
    active.answers = { ...active.answers, [step.id]: check.value };
    advance(turn, flow);
    return;
  }
  active.attempts += 1;
  ask(turn, flow, step, { reason: check.reason, params: check.params, attempt: active.attempts });
}

function ask(turn: Turn, flow: Flow, step: Step, retry?: Retry): void {
  const active = turn.conversation.flow;
  if (active) active.stepId = step.id;
  const texts: Text[] = [];
  if (retry) {
    const lead: Text[] = [key(`flows:reason.${retry.reason}`, retry.params)];
    if (retry.attempt > CANCEL_HINT_AFTER) lead.push(key('flows:retry.cancelHint'));
    texts.push({ join: lead });
  }
  const audience = turn.conversation.audience;
  texts.push({ flow: flow.id, step: step.id, field: 'prompt', params: textVars(flow, active?.answers ?? {}), ...(audience ? { audience } : {}) });
  turn.say({ lang: turn.lang, texts, buttons: stepButtons(flow, step), expectsAnswer: true });
}

/** Choices and yes/no as buttons carrying the step and the choice id. */
function stepButtons(flow: Flow, step: Step): PlanButton[] {
  if (step.kind === 'choice') {
    return step.choices.map((c) => button({ flow: flow.id, step: step.id, choice: c.id }, { action: 'answer', step: step.id, value: c.id }));
  }
  if (step.kind === 'confirm') {
    return [
      button(key('flows:confirm.yes'), { action: 'answer', step: step.id, value: 'yes' }),
      button(key('flows:confirm.no'), { action: 'answer', step: step.id, value: 'no' }),
    ];
  }
  return [];
}

/** Values for {{placeholders}}: text and number answers only (the flow check enforces it). */
export function textVars(flow: Flow, answers: Answers): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const step of flow.steps) {
    const value = answers[step.id];
    if (value !== undefined && (step.kind === 'text' || step.kind === 'number')) vars[step.id] = String(value);
  }
  return vars;
}

/**
 * The end of a flow: the outcome's record is committed before its confirmation is
 * sent; if it cannot be stored the user is told so and nothing is remembered.
 */
function complete(turn: Turn, flow: Flow, active: ActiveFlow): void {
  const before = copyState(turn.state);
  delete before.conversation.flow;
  delete turn.conversation.flow;
  const outcome = chooseOutcome(flow, active.answers);
  const kind = savedKind(outcome);
  const vars = textVars(flow, active.answers);
  if (kind) {
    const reference = active.run ?? turn.env.newReference();
    vars.reference = reference;
    const { who } = turn.env;
    remember(turn, flow, active.answers);
    if (kind === 'handoff') turn.user.openHandover = { reference, at: turn.env.now.toISOString() };
    turn.commit = {
      kind: 'append',
      ...(active.run ? { key: [who.channelId, who.conversationId, flow.id, active.run].join('/') } : {}),
      record: {
        kind,
        data: {
          reference,
          flow: flow.id,
          outcome: outcome.id,
          lang: turn.lang,
          answers: active.answers,
          ...(active.recentQuestions ? { recentQuestions: active.recentQuestions } : {}),
          channelId: who.channelId,
          conversationId: who.conversationId,
          userId: who.userId,
        },
      },
      ...('notify' in outcome && outcome.notify ? { notifyStaff: { flow: flow.id } } : {}),
      failed: { replies: [...turn.replies, { lang: turn.lang, texts: [key('flows:save.failed')], buttons: [] }], state: before },
    };
  }
  turn.say(outcomeReply(turn, flow, outcome, vars));
}

/** Keeps the answers of `remember` steps for later flows (the hand-over skips a known contact). */
function remember(turn: Turn, flow: Flow, answers: Answers): void {
  const kept = Object.fromEntries(flow.steps.filter((s) => s.remember && answers[s.id] !== undefined).map((s) => [s.id, answers[s.id]]));
  if (Object.keys(kept).length > 0) turn.user.remembered = { ...turn.user.remembered, ...(kept as Answers) };
}

function outcomeReply(turn: Turn, flow: Flow, outcome: Outcome, vars: Record<string, string>): ReplyPlan {
  // A parent hears the outcome about their child, where the flow words it so.
  const audience = turn.conversation.audience ? { audience: turn.conversation.audience } : {};
  const texts: Text[] = [{ flow: flow.id, outcome: outcome.id, field: 'text', params: vars, ...audience }];
  if (outcome.next) texts.push({ flow: flow.id, outcome: outcome.id, field: 'next', params: vars, ...audience });
  const buttons = (outcome.offer ?? [])
    .map((offer, index) => offerButton(turn, flow, outcome, offer, index))
    .filter((b): b is PlanButton => b !== undefined);
  return { lang: turn.lang, texts, buttons };
}

function offerButton(turn: Turn, flow: Flow, outcome: Outcome, offer: Offer, index: number): PlanButton | undefined {
  const label: Text | undefined = offer.label ? { flow: flow.id, outcome: outcome.id, offer: index } : undefined;
  if (offer.flow !== undefined) {
    // A flow removed by a later edit is not offered rather than offered broken.
    if (!turn.content.flows.byId.has(offer.flow)) return undefined;
    return label ? button(label, { action: 'flow', flow: offer.flow }) : flowButton(offer.flow);
  }
  if (offer.entry !== undefined) {
    if (!turn.content.answerer.entry(offer.entry)) return undefined;
    return button(label ?? { entry: offer.entry, field: 'question' }, { action: 'entry', id: offer.entry });
  }
  return undefined;
}
