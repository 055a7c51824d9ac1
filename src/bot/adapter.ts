/**
 * The CloudAdapter with Bot Framework authentication from config, and the
 * last-resort error handler: log with the conversation id, apologise in the
 * user's language, and keep serving.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Translator } from '../core/conversation/reply';
import { chooseReplyLanguage } from '../core/conversation/reply-language';
import { getTurnLang } from './turn-keys';

export interface TurnErrorOptions {
  logger: Logger;
  t: Translator;
  /** Counts errors for /metrics. */
  onError?: (error: unknown) => void;
}

export interface AdapterOptions extends TurnErrorOptions {
  auth: Config['auth'];
}

export function createAdapter(options: AdapterOptions): CloudAdapter {
  const { auth } = options;
  // No app id = local mode: the SDK skips token validation entirely.
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.tenantId,
  });
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = createTurnErrorHandler(options);
  return adapter;
}

export function createTurnErrorHandler(options: TurnErrorOptions) {
  return (context: TurnContext, error: Error): Promise<void> => handleTurnError(context, error, options);
}

async function handleTurnError(context: TurnContext, error: Error, options: TurnErrorOptions): Promise<void> {
  const activity = context.activity;
  options.onError?.(error);
  options.logger.error(
    { err: error, conversationId: activity.conversation?.id, channelId: activity.channelId, activityType: activity.type },
    'turn failed',
  );
  // Invokes and events have no reader to apologise to; a half-sent reply already told the user something.
  if (activity.type !== 'message' && activity.type !== 'conversationUpdate') return;
  const lang = getTurnLang(context) ?? chooseReplyLanguage({ locale: activity.locale });
  try {
    await context.sendActivity(options.t(lang, 'error.generic'));
  } catch (sendError) {
    options.logger.error({ err: sendError, conversationId: activity.conversation?.id }, 'could not send the error message');
  }
}
