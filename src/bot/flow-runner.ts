/**
 * How guided flows (src/bot/dialogs) plug into the turn. The bot calls
 * `continueIfActive` on every turn that is not a command, before matching the
 * knowledge base: a flow in progress gets the message first. Without a runner,
 * flow buttons answer that the guide is not available yet.
 */
import type { TurnContext } from 'botbuilder';

export interface FlowRunner {
  /** Continues the flow in progress, if any; true when it handled the turn. */
  continueIfActive(context: TurnContext): Promise<boolean>;
  /** Starts the guided flow with this id (dialogs/<id>.yaml). */
  start(context: TurnContext, flowId: string): Promise<void>;
  /** Ends any flow in progress (the cancel command); true when one was active. */
  cancel(context: TurnContext): Promise<boolean>;
  /** Id of the flow in progress, if any. */
  activeFlow(context: TurnContext): Promise<string | undefined>;
}
