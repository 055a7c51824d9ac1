/**
 * Stamps every message the bot sends with the locale of the language it answered
 * in (`activity.locale`, a standard Bot Framework field). The Web Chat page reads
 * it to switch its header and input hint, however the language changed: a typed
 * "English", a button, or a question the bot detected as the other language.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import type { Lang } from '../core/knowledge/types';
import { getTurnLang } from '../bot/turn-keys';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-US' };

export const replyLocale: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, sendNext) => {
      // Read at send time: the bot chooses the language partway through the turn.
      const lang = getTurnLang(context);
      // Overwrite: botbuilder copies the incoming message's locale onto every reply.
      if (lang) for (const activity of activities) if (activity.type === 'message') activity.locale = LOCALE[lang];
      return sendNext();
    });
    await next();
  },
};
