/**
 * The guided flows as the bot sees them: start one, let the one in progress take
 * the turn, cancel it. Satisfies the FlowRunner interface in src/bot/flow-runner.ts.
 */
import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { parseButtonValue } from '../../core/conversation/button-value';
import { newReference, type FlowSet } from '../../core/flows';
import { renderReply } from '../render';
import type { FlowDialogDeps, FlowLogger, FlowStartOptions } from './deps';
import { FlowDialog, flowDialogId } from './flow-dialog';
import { flowT } from './i18n';

/**
 * The dialog deps, with the flow set given once (the runner swaps it on reload) and
 * defaults for the logger, references, fetch and the staff card language (Vietnamese).
 */
export type FlowRunnerOptions = Omit<FlowDialogDeps, 'flows' | 'logger' | 'newReference' | 'fetch' | 'staffLang'> &
  Partial<Pick<FlowDialogDeps, 'logger' | 'newReference' | 'fetch' | 'staffLang'>> & {
    flows: FlowSet;
    /** Conversation state: the dialog stack of the flow in progress. */
    dialogState: StatePropertyAccessor<DialogState>;
  };

export class FlowRunner {
  private flowSet: FlowSet;
  private readonly dialogs: DialogSet;
  private readonly deps: FlowDialogDeps;

  constructor(options: FlowRunnerOptions) {
    this.flowSet = options.flows;
    this.deps = {
      flows: () => this.flowSet,
      userLang: options.userLang,
      setUserLang: options.setUserLang,
      records: options.records,
      notifyUrl: options.notifyUrl,
      notifyTimeoutMs: options.notifyTimeoutMs,
      answerer: options.answerer,
      rememberedAnswers: options.rememberedAnswers,
      logger: options.logger ?? consoleLogger,
      newReference: options.newReference ?? (() => newReference()),
      // Bound: global fetch throws "Illegal invocation" when called as a method of another object.
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      staffLang: options.staffLang ?? 'vi',
    };
    this.dialogs = new DialogSet(options.dialogState);
    this.addDialogs();
  }

  /** Swaps in reloaded flows; a flow in progress continues with its new version. */
  setFlows(flows: FlowSet): void {
    this.flowSet = flows;
    this.addDialogs();
  }

  hasFlow(flowId: string): boolean {
    return this.flowSet.byId.has(flowId);
  }

  /**
   * Gives the turn to the flow in progress. False when there is none, for
   * non-message activities, and for button clicks the bot routes itself
   * (`activity.value` with an action), which leave the flow waiting.
   */
  async continueIfActive(context: TurnContext): Promise<boolean> {
    if (context.activity.type !== ActivityTypes.Message) return false;
    if (parseButtonValue(context.activity.value)) return false;
    const dc = await this.activeContext(context);
    if (!dc) return false;
    await dc.continueDialog();
    return true;
  }

  /** Starts a flow, ending any flow in progress. An unknown id gets a polite reply, not an error. */
  async start(context: TurnContext, flowId: string, options: FlowStartOptions = {}): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    if (!this.hasFlow(flowId)) {
      this.deps.logger.warn({ flowId }, 'asked to start a flow that is not loaded');
      const lang = await this.deps.userLang(context);
      await context.sendActivity(renderReply({ text: flowT(lang)('flow.unavailable'), buttons: [] }, context.activity.channelId));
      return;
    }
    await dc.beginDialog(flowDialogId(flowId), options);
  }

  /** Ends the flow in progress without a word (the caller says what it wants); true when one was active. */
  async cancel(context: TurnContext): Promise<boolean> {
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) return false;
    await dc.cancelAllDialogs();
    return true;
  }

  /** The id of the flow in progress, if any. */
  async activeFlow(context: TurnContext): Promise<string | undefined> {
    const dc = await this.activeContext(context);
    const id = dc?.activeDialog?.id;
    return id?.startsWith('flow:') ? id.slice('flow:'.length) : undefined;
  }

  /** Asks the current step again (in the current language), e.g. after the bot handled a command. */
  async reprompt(context: TurnContext): Promise<boolean> {
    const dc = await this.activeContext(context);
    if (!dc) return false;
    await dc.repromptDialog();
    return true;
  }

  private async activeContext(context: TurnContext): Promise<DialogContext | undefined> {
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) return undefined;
    if (!dc.findDialog(dc.activeDialog.id) || !this.hasFlow(dc.activeDialog.id.replace(/^flow:/, ''))) {
      // The flow was removed by an edit: drop its state rather than fail every turn.
      this.deps.logger.warn({ dialogId: dc.activeDialog.id }, 'dropping a flow in progress that is no longer loaded');
      await dc.cancelAllDialogs();
      return undefined;
    }
    return dc;
  }

  private addDialogs(): void {
    for (const flow of this.flowSet.flows) {
      if (!this.dialogs.find(flowDialogId(flow.id))) this.dialogs.add(new FlowDialog(flow.id, this.deps));
    }
  }
}

const consoleLogger: FlowLogger = {
  warn: (obj, msg) => console.warn(msg ?? '', obj),
  error: (obj, msg) => console.error(msg ?? '', obj),
};
