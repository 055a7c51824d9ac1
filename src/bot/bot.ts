/**
 * The Bot Framework side of a turn, and nothing more: the activity becomes an
 * engine input, the engine decides (src/core/engine), the records are written, the
 * state is saved through botbuilder Storage, and the replies are rendered as
 * activities or Adaptive Cards. Everything the bot decides is in the engine.
 */
import { ActivityHandler, TurnContext } from 'botbuilder';
import type { ContentBundle } from '../core/content/bundle';
import { engineContent } from '../core/content/bundle';
import { planLabels } from '../core/conversation/labels';
import { resolvePlan } from '../core/conversation/resolve';
import { applyTurn, decideTurn, type ConversationRef, type EngineInput, type EngineOptions, type TurnPorts } from '../core/engine';
import { replyLanguageFor } from '../core/engine/engine';
import type { DecisionKind } from '../core/knowledge/types';
import { renderReply } from './render';
import type { EngineStateStore } from './state';
import { setTurnLang } from './turn-keys';

export interface BotDeps {
  /** The current content bundle (a reload is seen on the next turn). */
  content: () => ContentBundle;
  store: EngineStateStore;
  ports: TurnPorts;
  options: EngineOptions;
  newReference: () => string;
  now?: () => Date;
  /** Called for every answer, suggestion and fallback sent (metrics). */
  onDecision?: (kind: DecisionKind) => void;
}

export class AdmissionsBot extends ActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMembersAdded(async (context, next) => {
      if (shouldWelcome(context)) await this.runInput(context, { kind: 'join' });
      await next();
    });
    this.onMessage(async (context, next) => {
      const { activity } = context;
      await this.runInput(context, {
        kind: 'message',
        text: userText(context),
        value: activity.value,
        hasAttachments: (activity.attachments?.length ?? 0) > 0,
      });
      await next();
    });
  }

  private async runInput(context: TurnContext, input: EngineInput): Promise<void> {
    const who = conversationRef(context);
    const bundle = this.deps.content();
    const loaded = await this.deps.store.load(who);
    const { state } = loaded;
    const env = { who, locale: context.activity.locale, now: this.deps.now?.() ?? new Date(), newReference: this.deps.newReference };
    // Known before deciding, so an error in the turn is apologised for in the user's language.
    setTurnLang(context, replyLanguageFor(state, input, env));
    const result = decideTurn(state, input, engineContent(bundle), env, this.deps.options);
    const applied = await applyTurn(result, who, this.deps.ports);
    // After a deletion nothing of the user is stored again, not even an empty state.
    if (!applied.deleted) await this.deps.store.save(who, { ...loaded, state: applied.state });
    for (const plan of applied.replies) {
      setTurnLang(context, plan.lang);
      const reply = resolvePlan(plan, bundle);
      const activity = renderReply(reply, context.activity.channelId);
      activity.channelData = { ...(activity.channelData as object | undefined), says: planLabels(plan) };
      await context.sendActivity(activity);
      if (reply.trace) this.deps.onDecision?.(reply.trace.decision);
    }
    await applied.afterReplies?.();
  }
}

/** The text a user typed, without the "@bot" mention Teams adds in group chats and channels. */
function userText(context: TurnContext): string | undefined {
  const { activity } = context;
  if (typeof activity.text !== 'string' || activity.text === '') return activity.text;
  // Entities come from the network: only well-formed mentions are looked at, and a malformed
  // list never costs the user their answer.
  const entities: unknown = activity.entities;
  const mentions = Array.isArray(entities) && entities.some((e) => typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'mention');
  if (!mentions) return activity.text;
  try {
    return TurnContext.removeRecipientMention(activity) ?? activity.text;
  } catch {
    return activity.text;
  }
}

/**
 * Someone other than the bot joined. Teams also tells a personal chat about the
 * bot's own installation only, so that counts as the user arriving.
 */
function shouldWelcome(context: TurnContext): boolean {
  const { activity } = context;
  const botId = activity.recipient?.id;
  const added = activity.membersAdded ?? [];
  if (added.some((member) => member.id !== botId)) return true;
  return (
    activity.channelId === 'msteams' &&
    activity.conversation?.conversationType === 'personal' &&
    added.some((member) => member.id === botId)
  );
}

function conversationRef(context: TurnContext): ConversationRef {
  const { activity } = context;
  return {
    channelId: activity.channelId,
    conversationId: activity.conversation?.id ?? '',
    userId: activity.from?.id ?? '',
  };
}
