/** The text a user typed, without the "@bot" mention Teams adds in group chats and channels. */
import { TurnContext } from 'botbuilder';

export function userText(context: TurnContext): string {
  const { activity } = context;
  if (!activity.text) return '';
  return (activity.entities?.length ? TurnContext.removeRecipientMention(activity) : activity.text) ?? '';
}
