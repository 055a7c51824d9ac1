/**
 * Renders a conversation Reply as the activities the channel it goes to can show
 * (channel-profile.ts): an Adaptive Card on Teams, Markdown text with suggested
 * actions (links as Markdown links at the end of the text) on Web Chat, plain text
 * cut to the channel's limits on Messenger and unknown channels (render-plain.ts).
 * The reply's decision trace rides along as channelData so feedback and analytics
 * can see what was decided.
 */
import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { Button, Reply } from '../core/conversation/reply';
import { shortenAtWord } from './button-title';
import { channelProfile } from './channel-profile';
import { renderPlain } from './render-plain';

/** The newest version Teams renders. */
const ADAPTIVE_CARD_VERSION = '1.5';
/** Teams shows at most 6 actions per set; a button with a long title gets a full-width row of its own. */
const MAX_ACTIONS_PER_SET = 5;
const SHORT_TITLE = 24;
/** About what a full-width Teams button shows on a phone; longer titles are shortened at a word, in full as the tooltip. */
const MAX_TITLE = 40;

/** One activity, or several where the channel limits a message's length; the last one carries the buttons. */
export function renderReply(reply: Reply, channelId: string): Partial<Activity>[] {
  const profile = channelProfile(channelId);
  const activities =
    profile.kind === 'adaptiveCard' ? [renderAdaptiveCard(reply)] : profile.kind === 'markdown' ? [renderMessage(reply)] : renderPlain(reply, profile);
  for (const activity of activities) {
    // Beside what the renderer put there (Messenger's button template).
    if (reply.trace) activity.channelData = { ...(activity.channelData as object | undefined), ...reply.trace };
    if (reply.expectsAnswer) activity.inputHint = 'expectingInput';
  }
  return activities;
}

function toCardAction(button: Button): CardAction {
  if (button.kind === 'openUrl') return { type: ActionTypes.OpenUrl, title: button.title, value: button.url };
  // messageBack: the value reaches the bot as activity.value and routes the click; the title shows as
  // what the user "said". Web Chat hides a message without text, so the title is its text too.
  return { type: ActionTypes.MessageBack, title: button.title, text: button.title, displayText: button.title, value: button.value };
}

/** `[title](url)`, with the characters Markdown would read in a link's title or address escaped. */
function markdownLink(title: string, url: string): string {
  return `[${title.replace(/[[\]\\]/g, '\\$&')}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

function renderMessage(reply: Reply): Partial<Activity> {
  const postBacks = reply.buttons.filter((button) => button.kind === 'postBack').map(toCardAction);
  // Links are part of the answer's text: they look like the rest of the page, stay with their answer
  // after the next message (suggested actions disappear) and take no bubble of their own.
  const links = reply.buttons.flatMap((button) => (button.kind === 'openUrl' ? [`- ${markdownLink(button.title, button.url)}`] : []));
  const activity = MessageFactory.text(links.length > 0 ? `${reply.text}\n\n${links.join('\n')}` : reply.text);
  activity.textFormat = 'markdown';
  if (postBacks.length > 0) activity.suggestedActions = { actions: postBacks, to: [] };
  return activity;
}

type CardElement = Record<string, unknown>;

function toAdaptiveAction(button: Button): CardElement {
  const title = shortenAtWord(button.title, MAX_TITLE);
  const tooltip = title === button.title ? {} : { tooltip: button.title };
  if (button.kind === 'openUrl') return { type: 'Action.OpenUrl', title, url: button.url, ...tooltip };
  return { type: 'Action.Submit', title, data: button.value, ...tooltip };
}

/** Groups short buttons side by side and gives long ones (questions) a row each. */
function actionSets(buttons: readonly Button[]): CardElement[] {
  const sets: Button[][] = [];
  let current: Button[] = [];
  for (const button of buttons) {
    if (button.title.length > SHORT_TITLE) {
      if (current.length > 0) sets.push(current);
      sets.push([button]);
      current = [];
      continue;
    }
    current.push(button);
    if (current.length === MAX_ACTIONS_PER_SET) {
      sets.push(current);
      current = [];
    }
  }
  if (current.length > 0) sets.push(current);
  return sets.map((set) => ({ type: 'ActionSet', actions: set.map(toAdaptiveAction) }));
}

export function adaptiveCardFor(reply: Reply): CardElement {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body: [{ type: 'TextBlock', text: reply.text, wrap: true }, ...actionSets(reply.buttons)],
  };
}

function renderAdaptiveCard(reply: Reply): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(adaptiveCardFor(reply)));
  // Teams shows the summary in notifications and the chat list, where a card has no text.
  activity.summary = shortenAtWord(reply.text.replace(/[*_#>`]/g, ''), 120);
  return activity;
}
