/**
 * A reply for a channel without Markdown or cards (Messenger, unknown channels): plain
 * text cut to the channel's message length, links as the channel's button template where it
 * has one (Messenger: the first three) and otherwise as "title: url" lines, and the buttons as suggested actions, which Azure Bot Service turns into
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

type Link = Extract<Button, { kind: 'openUrl' }>;

export function renderPlain(reply: Reply, profile: ChannelProfile): Partial<Activity>[] {
  const allLinks = reply.buttons.filter((button): button is Link => button.kind === 'openUrl');
  const template = profile.linkTemplate;
  const inTemplate = template ? allLinks.slice(0, template.maxButtons) : [];
  const asLines = allLinks.slice(inTemplate.length).map((link) => `${link.title}: ${link.url}`);
  const text = [markdownToPlain(reply.text), ...(asLines.length > 0 ? [asLines.join('\n')] : [])].filter((part) => part !== '').join('\n\n');
  const pieces = profile.maxMessageLength ? splitMessage(text, profile.maxMessageLength) : [text];
  const activities = (pieces.length > 0 ? pieces : ['']).map((piece) => {
    const activity = MessageFactory.text(piece);
    activity.textFormat = 'plain';
    return activity;
  });
  if (template && inTemplate.length > 0) {
    // The button template's text is the answer's last part; one too long for it goes before a template of its own.
    const last = activities[activities.length - 1] as Partial<Activity>;
    const fits = (last.text ?? '') !== '' && (last.text ?? '').length <= template.maxText;
    const carrier = fits ? last : MessageFactory.text(inTemplate.map((link) => link.title).join(' · ').slice(0, template.maxText));
    carrier.textFormat = 'plain';
    carrier.channelData = { attachment: buttonTemplate(carrier.text ?? '', inTemplate, template.maxTitle) };
    if (!fits) activities.push(carrier);
  }
  const postBacks = reply.buttons.filter((button): button is PostBack => button.kind === 'postBack');
  const actions = fitButtons(postBacks, profile.maxButtons, reply.more).map(({ title, short, value }) => toAction(title, short, value, profile));
  const last = activities[activities.length - 1];
  if (last && actions.length > 0) last.suggestedActions = { actions, to: [] };
  return activities;
}

/** Messenger's button template: the text and up to three buttons that open a link. */
function buttonTemplate(text: string, links: readonly Link[], maxTitle: number): Record<string, unknown> {
  const buttons = links.map((link) => ({ type: 'web_url', url: link.url, title: shortenAtWord(link.title, maxTitle) }));
  return { type: 'template', payload: { template_type: 'button', text, buttons } };
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
