/**
 * The Bot Framework side of a turn, and nothing more: the activity becomes an
 * engine input, the engine runs the turn against the shared state and records
 * (src/core/engine/run-turn.ts), and the replies are rendered as activities or
 * Adaptive Cards. Everything the bot decides is in the engine.
 */
import { ActivityHandler, TurnContext } from 'botbuilder';
import type { ContentBundle } from '../core/content/bundle';
import { engineContent } from '../core/content/bundle';
import { planLabels } from '../core/conversation/labels';
import { resolvePlan } from '../core/conversation/resolve';
import { runTurn, type ConversationRef, type EngineInput, type EngineOptions, type EngineStateRepo, type TurnPorts } from '../core/engine';
import type { DecisionKind } from '../core/knowledge/types';
import type { ContentSettings } from '../core/settings/content-settings';
import type { Weekday } from '../core/settings/office-hours';
import type { BotControls } from '../core/engine/controls-schema';
import { channelProfile } from './channel-profile';
import { readMessengerInput } from './messenger-input';
import { renderReply } from './render';
import { setTurnLang } from './turn-keys';

export interface BotDeps {
  /** The current content bundle (a reload is seen on the next turn). */
  content: () => ContentBundle;
  store: EngineStateRepo;
  ports: TurnPorts;
  options: EngineOptions;
  newReference: () => string;
  now?: () => Date;
  /** The staff's controls (entries switched off, hand-over only, office hours), read without waiting. */
  controls?: () => BotControls;
  /** Called for every answer, suggestion and fallback sent (metrics). */
  onDecision?: (kind: DecisionKind) => void;
  /** Office hours, retention and the privacy notice, for the flows' {{placeholders}}. */
  settings?: ContentSettings;
}

export class AdmissionsBot extends ActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMembersAdded(async (context, next) => {
      if (shouldWelcome(context)) await this.runInput(context, { kind: 'join' });
      await next();
    });
    this.onEvent(async (context, next) => {
      const { joinEvent } = channelProfile(context.activity.channelId);
      if (joinEvent !== undefined && context.activity.name === joinEvent) await this.runInput(context, { kind: 'join' });
      await next();
    });
    this.onMessage(async (context, next) => {
      const { activity } = context;
      const profile = channelProfile(activity.channelId);
      // Messenger returns a button's value as a payload in its channel data, and "Get Started" as a postback.
      const messenger = profile.valueAsPayload ? readMessengerInput(activity.channelData, activity.text) : undefined;
      if (messenger?.kind === 'getStarted') {
        await this.runInput(context, { kind: 'join' });
        return next();
      }
      await this.runInput(context, {
        kind: 'message',
        text: userText(context),
        value: messenger ? messenger.value : activity.value,
        hasAttachments: (activity.attachments?.length ?? 0) > 0,
        ...(profile.welcomeOnFirstMessage ? { welcomeIfNew: true } : {}),
      });
      await next();
    });
  }

  private async runInput(context: TurnContext, input: EngineInput): Promise<void> {
    const who = conversationRef(context);
    const bundle = this.deps.content();
    const { activity } = context;
    const env = {
      who,
      locale: activity.locale,
      now: this.deps.now?.() ?? new Date(),
      newReference: this.deps.newReference,
      ...(typeof activity.id === 'string' && activity.id !== '' ? { activityId: activity.id } : {}),
    };
    const controls = this.deps.controls?.();
    const outcome = await runTurn(input, env, { ...engineContent(bundle), ...(controls ? { controls } : {}) }, {
      state: this.deps.store,
      ports: this.deps.ports,
      options: this.deps.options,
      // Known before deciding, so an error in the turn is apologised for in the user's language.
      onLang: (lang) => setTurnLang(context, lang),
    });
    // Office hours set in the staff console replace OFFICE_HOURS in what the bot says ({{officeHours}}).
    const hours = controls?.officeHours;
    const settings = this.deps.settings && hours ? { ...this.deps.settings, officeHours: { ...hours, days: hours.days as Weekday[] } } : this.deps.settings;
    for (const plan of outcome.replies) {
      setTurnLang(context, plan.lang);
      const reply = resolvePlan(plan, { t: bundle.t, answerer: bundle.answerer, flows: bundle.flows, settings });
      const activities = renderReply(reply, context.activity.channelId);
      for (const activity of activities) activity.channelData = { ...(activity.channelData as object | undefined), says: planLabels(plan) };
      await context.sendActivities(activities);
      if (reply.trace) this.deps.onDecision?.(reply.trace.decision);
    }
    await outcome.afterReplies?.();
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
 * Someone other than the bot joined (on our Web Chat page, with the page's locale: see
 * ChannelProfile.joinEvent). Teams also tells a personal chat about the
 * bot's own installation only, so that counts as the user arriving.
 */
function shouldWelcome(context: TurnContext): boolean {
  const { activity } = context;
  if (channelProfile(activity.channelId).joinEvent !== undefined && !activity.locale) return false;
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
