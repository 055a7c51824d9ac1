/**
 * A reply for a channel without Markdown or cards (Messenger, unknown channels): plain
 * text cut to the channel's message length, links as "title: url" lines (Messenger makes
 * them tappable), and the buttons as suggested actions, which Azure Bot Service turns into
 * Messenger's quick replies: at most the channel's number, titled with the content's short
 * title, a long list of questions ending in "more".
 */
import { ActionTypes, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { ButtonValue } from '../core/conversation/button-value';
import type { Button, MoreButton, Reply } from '../core/conversation/reply';
import { shortenAtWord } from './button-title';
import type { ChannelProfile } from './channel-profile';
import { markdownToPlain, splitMessage } from './plain-text';

type PostBack = Extract<Button, { kind: 'postBack' }>;

export function renderPlain(reply: Reply, profile: ChannelProfile): Partial<Activity>[] {
  const links = reply.buttons.flatMap((button) => (button.kind === 'openUrl' ? [`${button.title}: ${button.url}`] : []));
  const text = [markdownToPlain(reply.text), ...(links.length > 0 ? [links.join('\n')] : [])].filter((part) => part !== '').join('\n\n');
  const pieces = profile.maxMessageLength ? splitMessage(text, profile.maxMessageLength) : [text];
  const activities = (pieces.length > 0 ? pieces : ['']).map((piece) => {
    const activity = MessageFactory.text(piece);
    activity.textFormat = 'plain';
    return activity;
  });
  const postBacks = reply.buttons.filter((button): button is PostBack => button.kind === 'postBack');
  const actions = fitButtons(postBacks, profile.maxButtons, reply.more).map(({ title, short, value }) => toAction(title, short, value, profile));
  const last = activities[activities.length - 1];
  if (last && actions.length > 0) last.suggestedActions = { actions, to: [] };
  return activities;
}

/**
 * The buttons a channel can show. A list of questions longer than that shows its first
 * ones and "more", which asks for the same list from the first question not shown; any
 * other list keeps its first buttons (no reply the engine makes has that many).
 */
export function fitButtons(buttons: readonly PostBack[], max: number, more: MoreButton | undefined): PostBack[] {
  if (buttons.length <= max) return [...buttons];
  if (!more || max < 2) return buttons.slice(0, max);
  const shown = buttons.slice(0, max - 1);
  const rest: ButtonValue = { action: 'menu', area: more.area, from: more.from + shown.length };
  return [...shown, { kind: 'postBack', title: more.title, value: rest }];
}

/**
 * The content's short title where the channel cuts long ones, else the title shortened at
 * a word. Messenger returns a tapped quick reply as its title in the text and its payload
 * in channel data: the payload is the button's value as JSON, read back by messenger-input.ts.
 */
function toAction(title: string, short: string | undefined, value: ButtonValue, profile: ChannelProfile): CardAction {
  const max = profile.maxButtonTitle;
  const shown = max === undefined || title.length <= max ? title : shortenAtWord(short ?? title, max);
  if (profile.valueAsPayload) return { type: ActionTypes.PostBack, title: shown, value: JSON.stringify(value) };
  return { type: ActionTypes.MessageBack, title: shown, text: shown, displayText: shown, value };
}
