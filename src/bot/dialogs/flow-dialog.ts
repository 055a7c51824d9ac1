/**
 * One guided flow as a botbuilder ComponentDialog. A two-step waterfall loops:
 * ask the step the flow core says is next, store the answer, replace itself. The
 * state keeps answers by step id, so an edited flow file resumes sensibly.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { acceptPrefill, findStep, nextStep, validateAnswer, type AnswerCheck, type AnswerValue, type Answers, type Flow, type Step } from '../../core/flows';
import { renderReply } from '../render';
import type { FlowDialogDeps, FlowStartOptions } from './deps';
import { handleInterruption } from './interruptions';
import { completeFlow, textVars, type FlowProgress } from './outcome';
import { promptActivity, type RetryReason } from './prompt-activity';
import {
  StepChoicePrompt,
  StepConfirmPrompt,
  StepNumberPrompt,
  StepTextPrompt,
  stepPromptOptions,
  type StepHost,
  type StepRef,
} from './step-prompts';
import { userText } from './user-text';

const LOOP = 'loop';
/** What the waterfall keeps between asking a step and receiving its answer. */
interface LoopValues {
  stepId: string;
}
const PROMPT_IDS: Record<Step['kind'], string> = { text: 'text', choice: 'choice', confirm: 'confirm', number: 'number' };
/** Recent questions kept with a hand-over: enough context, little personal data. */
const MAX_RECENT_QUESTIONS = 10;
const MAX_QUESTION_LENGTH = 500;

export function flowDialogId(flowId: string): string {
  return `flow:${flowId}`;
}

export class FlowDialog extends ComponentDialog implements StepHost {
  constructor(
    readonly flowId: string,
    private readonly deps: FlowDialogDeps,
  ) {
    super(flowDialogId(flowId));
    this.addDialog(new WaterfallDialog<FlowProgress>(LOOP, [(s) => this.askNext(s), (s) => this.keepAnswer(s)]));
    this.addDialog(new StepTextPrompt(PROMPT_IDS.text, this));
    this.addDialog(new StepChoicePrompt(PROMPT_IDS.choice, this));
    this.addDialog(new StepConfirmPrompt(PROMPT_IDS.confirm, this));
    this.addDialog(new StepNumberPrompt(PROMPT_IDS.number, this));
    this.initialDialogId = LOOP;
  }

  /** The current version of the flow (files may be reloaded between turns). */
  get flow(): Flow {
    const flow = this.deps.flows().byId.get(this.flowId);
    if (!flow) throw new Error(`the flow "${this.flowId}" is not loaded`);
    return flow;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: FlowStartOptions): Promise<DialogTurnResult> {
    const flow = this.flow;
    const known = await this.knownAnswers(innerDc.context, flow);
    const progress: FlowProgress = {
      answers: acceptPrefill(flow, { ...known, ...options?.prefill }),
      ...(options?.recentQuestions
        ? { recentQuestions: options.recentQuestions.slice(-MAX_RECENT_QUESTIONS).map((q) => String(q).slice(0, MAX_QUESTION_LENGTH)) }
        : {}),
    };
    if (flow.intro) {
      const lang = await this.deps.userLang(innerDc.context);
      await innerDc.context.sendActivity(renderReply({ text: flow.intro[lang], buttons: [] }, innerDc.context.activity.channelId));
    }
    return innerDc.beginDialog(LOOP, progress);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const step = this.currentStep(innerDc);
    if (innerDc.context.activity.type === ActivityTypes.Message && step) {
      const interruption = await handleInterruption(innerDc.context, step, this.deps);
      if (interruption === 'cancel') {
        await innerDc.cancelAllDialogs();
        return { status: DialogTurnStatus.cancelled };
      }
      if (interruption === 'reask') {
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
    }
    return super.onContinueDialog(innerDc);
  }

  /** The step the active prompt asks, if it still exists in the flow. */
  currentStep(innerDc: DialogContext): Step | undefined {
    const active = innerDc.activeDialog;
    const options = (active?.state as { options?: { validations?: StepRef } } | undefined)?.options;
    const id = options?.validations?.stepId;
    return id ? findStep(this.flow, id) : undefined;
  }

  private async knownAnswers(context: TurnContext, flow: Flow): Promise<Answers> {
    if (!this.deps.rememberedAnswers || !flow.steps.some((s) => s.skipIfKnown)) return {};
    const remembered = (await this.deps.rememberedAnswers.get(context, {})) ?? {};
    const known: Answers = {};
    for (const step of flow.steps) {
      const value = remembered[step.id];
      if (step.skipIfKnown && value !== undefined) known[step.id] = value;
    }
    return known;
  }

  private async askNext(step: WaterfallStepContext<FlowProgress>): Promise<DialogTurnResult> {
    const progress = step.options;
    const flow = this.flow;
    const next = nextStep(flow, progress.answers);
    if (!next) {
      await completeFlow(step.context, flow, progress, this.deps);
      return step.endDialog();
    }
    (step.values as LoopValues).stepId = next.id;
    return step.prompt(PROMPT_IDS[next.kind], stepPromptOptions({ stepId: next.id, vars: textVars(flow, progress.answers) }));
  }

  private async keepAnswer(step: WaterfallStepContext<FlowProgress>): Promise<DialogTurnResult> {
    const progress = step.options;
    const result: unknown = step.result;
    // ChoicePrompt returns a FoundChoice whose value is the choice id.
    const value = (typeof result === 'object' && result !== null ? (result as { value: unknown }).value : result) as AnswerValue;
    const answers = { ...progress.answers, [(step.values as LoopValues).stepId]: value };
    return step.replaceDialog(LOOP, { ...progress, answers });
  }

  check(context: TurnContext, ref: StepRef): AnswerCheck {
    const step = findStep(this.flow, ref.stepId);
    const text = userText(context);
    // The step vanished in a reload: take the text; the next step is recomputed from the new flow.
    return step ? validateAnswer(step, text) : { ok: true, value: text };
  }

  async sendPrompt(context: TurnContext, ref: StepRef, retry?: RetryReason): Promise<void> {
    const step = findStep(this.flow, ref.stepId);
    if (!step) return;
    const lang = await this.deps.userLang(context);
    await context.sendActivity(promptActivity(step, lang, context.activity.channelId, ref.vars, retry));
  }
}
