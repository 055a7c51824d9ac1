/**
 * What each channel can show, in one place. The engine's reply plans are the same
 * everywhere; the renderer (render.ts) reads the profile of the channel a reply goes to.
 */

export type ChannelKind = 'markdown' | 'adaptiveCard' | 'plain';

export interface ChannelProfile {
  /** Which renderer: Markdown with suggested actions, an Adaptive Card, or plain text. */
  kind: ChannelKind;
  /** Most buttons shown under a message (suggested actions / quick replies); a longer list offers "more". */
  maxButtons: number;
  /** Longest button title the channel shows whole; longer titles use the content's short title. */
  maxButtonTitle?: number;
  /** Longest message; a longer text is sent as several messages cut between words. */
  maxMessageLength?: number;
  /**
   * A button's value travels as a JSON string (Messenger's quick-reply payload) rather than
   * an object in activity.value; the bot reads it back from the channel's data.
   */
  valueAsPayload: boolean;
  /** The channel sends no reliable "user joined" event: the first message gets the welcome too. */
  welcomeOnFirstMessage: boolean;
  /**
   * The page says the user arrived with this event, carrying its language. The channel's own
   * conversationUpdate has no locale (Direct Line's), so one without a locale is not a welcome:
   * it would greet an English page in Vietnamese, and the event's welcome would then be the second.
   */
  joinEvent?: string;
  /**
   * Links as the channel's own button template (Messenger: at most 3 buttons, a text of at
   * most 640 characters, button titles of at most 20), sent as channelData, which Azure Bot
   * Service passes to Messenger as the message itself. Without it links are "title: url" lines.
   */
  linkTemplate?: { maxButtons: number; maxText: number; maxTitle: number };
}

/** Messenger's limits: 13 quick replies, titles cut at 20 characters, 2,000 characters a message. */
export const MESSENGER: ChannelProfile = {
  kind: 'plain',
  maxButtons: 13,
  maxButtonTitle: 20,
  maxMessageLength: 2000,
  valueAsPayload: true,
  welcomeOnFirstMessage: true,
  linkTemplate: { maxButtons: 3, maxText: 640, maxTitle: 20 },
};

const WEB_CHAT: ChannelProfile = { kind: 'markdown', maxButtons: Number.POSITIVE_INFINITY, valueAsPayload: false, welcomeOnFirstMessage: false };

/** Our Web Chat page over Direct Line: it sends `webchat/join` with the page's locale once connected (public/app.js). */
const WEB_CHAT_PAGE: ChannelProfile = { ...WEB_CHAT, joinEvent: 'webchat/join' };

const TEAMS: ChannelProfile = { kind: 'adaptiveCard', maxButtons: Number.POSITIVE_INFINITY, valueAsPayload: false, welcomeOnFirstMessage: false };

/** A channel we know nothing about: no Markdown, no cards, a short list of buttons. */
export const UNKNOWN_CHANNEL: ChannelProfile = { kind: 'plain', maxButtons: 10, valueAsPayload: false, welcomeOnFirstMessage: false };

const PROFILES: Readonly<Record<string, ChannelProfile>> = {
  webchat: WEB_CHAT_PAGE,
  directline: WEB_CHAT,
  emulator: WEB_CHAT,
  // botbuilder's TestAdapter: the bot tests read what Web Chat would show.
  test: WEB_CHAT,
  msteams: TEAMS,
  facebook: MESSENGER,
};

export function channelProfile(channelId: string | undefined): ChannelProfile {
  return (channelId !== undefined && Object.hasOwn(PROFILES, channelId) ? PROFILES[channelId] : undefined) ?? UNKNOWN_CHANNEL;
}
