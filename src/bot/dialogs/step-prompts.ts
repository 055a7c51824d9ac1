/**
 * The four botbuilder prompts a flow step can use. Recognition and the re-prompt
 * reason both come from the flow core (validateAnswer): botbuilder's own
 * recognisers have no Vietnamese culture and would not fold diacritics, and the
 * prompt text is rebuilt in the user's current language every time it is shown.
 */
import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ConfirmPrompt,
  NumberPrompt,
  TextPrompt,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import type { AnswerCheck } from '../../core/flows';
import type { RetryReason } from './prompt-activity';

/** Which step a prompt asks; carried in PromptOptions.validations so it survives across turns. */
export interface StepRef {
  stepId: string;
  /** Earlier text/number answers for {{placeholders}} in the question. */
  vars: Record<string, string>;
}

export interface StepHost {
  check(context: TurnContext, ref: StepRef): AnswerCheck;
  sendPrompt(context: TurnContext, ref: StepRef, retry?: RetryReason): Promise<void>;
}

interface StepPromptState {
  retry?: RetryReason;
}

export function stepRef(options: PromptOptions): StepRef {
  return options.validations as StepRef;
}

export function stepPromptOptions(ref: StepRef): PromptOptions {
  return { validations: ref };
}

/** Remembers why an answer was refused, so the re-prompt can say it. */
function reasonValidator<T>(host: StepHost): PromptValidator<T> {
  return async (pc) => {
    const check = host.check(pc.context, stepRef(pc.options));
    const state = pc.state as StepPromptState;
    state.retry = check.ok ? undefined : { reason: check.reason, params: check.params, attempt: pc.attemptCount };
    return pc.recognized.succeeded && check.ok;
  };
}

async function ask(host: StepHost, context: TurnContext, state: StepPromptState, options: PromptOptions, isRetry: boolean): Promise<void> {
  await host.sendPrompt(context, stepRef(options), isRetry ? state.retry : undefined);
}

function recognise<T>(host: StepHost, context: TurnContext, options: PromptOptions, convert: (v: AnswerCheck & { ok: true }) => T): PromptRecognizerResult<T> {
  const check = host.check(context, stepRef(options));
  return check.ok ? { succeeded: true, value: convert(check) } : { succeeded: false };
}

export class StepTextPrompt extends TextPrompt {
  constructor(id: string, private readonly host: StepHost) {
    super(id, reasonValidator<string>(host));
  }
  protected override onPrompt(context: TurnContext, state: StepPromptState, options: PromptOptions, isRetry: boolean): Promise<void> {
    return ask(this.host, context, state, options, isRetry);
  }
  protected override async onRecognize(context: TurnContext, _state: StepPromptState, options: PromptOptions): Promise<PromptRecognizerResult<string>> {
    return recognise(this.host, context, options, (c) => String(c.value));
  }
}

export class StepChoicePrompt extends ChoicePrompt {
  constructor(id: string, private readonly host: StepHost) {
    super(id, reasonValidator<FoundChoice>(host));
  }
  protected override onPrompt(context: TurnContext, state: StepPromptState, options: PromptOptions, isRetry: boolean): Promise<void> {
    return ask(this.host, context, state, options, isRetry);
  }
  protected override async onRecognize(context: TurnContext, _state: StepPromptState, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    return recognise(this.host, context, options, (c) => ({ value: String(c.value), index: -1, score: 1 }));
  }
}

export class StepConfirmPrompt extends ConfirmPrompt {
  constructor(id: string, private readonly host: StepHost) {
    super(id, reasonValidator<boolean>(host));
  }
  protected override onPrompt(context: TurnContext, state: StepPromptState, options: PromptOptions, isRetry: boolean): Promise<void> {
    return ask(this.host, context, state, options, isRetry);
  }
  protected override async onRecognize(context: TurnContext, _state: StepPromptState, options: PromptOptions): Promise<PromptRecognizerResult<boolean>> {
    return recognise(this.host, context, options, (c) => c.value === true);
  }
}

export class StepNumberPrompt extends NumberPrompt {
  constructor(id: string, private readonly host: StepHost) {
    super(id, reasonValidator<number>(host));
  }
  protected override onPrompt(context: TurnContext, state: StepPromptState, options: PromptOptions, isRetry: boolean): Promise<void> {
    return ask(this.host, context, state, options, isRetry);
  }
  protected override async onRecognize(context: TurnContext, _state: StepPromptState, options: PromptOptions): Promise<PromptRecognizerResult<number>> {
    return recognise(this.host, context, options, (c) => Number(c.value));
  }
}
