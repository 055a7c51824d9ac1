/**
 * The CloudAdapter with Bot Framework authentication from config, and the
 * last-resort error handler: log with the conversation id, apologise in the
 * user's language, and keep serving.
 *
 * The route authenticates a request itself (so a failure is a clean 401, where
 * `CloudAdapter.process` answers a bad token with a 500, the error text and a stack
 * trace) and then runs the turn. The SDK's public way to run a turn with an
 * authentication result, `processActivityDirect`, returns nothing, so the response the
 * adapter would have written (the buffered replies for expectReplies, the invoke
 * response) is read back from the turn's context, the way CloudAdapterBase's
 * processTurnResults builds it: through TurnContext's public members only.
 */
import { CloudAdapter, INVOKE_RESPONSE_KEY, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Translator } from '../core/conversation/reply';
import { replyLanguageOutsideTurn } from '../core/engine';
import { ReusingAuthentication } from './reusing-authentication';
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

export interface BotAdapter {
  /** The SDK's adapter, for middleware (`use`). */
  readonly cloudAdapter: CloudAdapter;
  /** Checks the request's Bot Framework token (in local mode, none); throws when it is not valid. */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult>;
  /** Runs one turn; returns the body to answer with: expectReplies' replies or an invoke's response. */
  process(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
}

/**
 * What a turn leaves for its response. The context itself is revoked when the turn ends,
 * so the first middleware keeps its reply buffer and state, which the error handler may
 * still add to after the middleware returns.
 */
interface TurnLeftovers {
  replies: TurnContext['bufferedReplyActivities'];
  state: TurnContext['turnState'];
}

/** What CloudAdapterBase.processTurnResults returns for this turn. */
function turnResponse(activity: Activity, turn: TurnLeftovers): InvokeResponse | undefined {
  if (activity.deliveryMode === 'expectReplies') return { status: 200, body: { activities: turn.replies } };
  if (activity.type === 'invoke') return (turn.state.get(INVOKE_RESPONSE_KEY) as { value?: InvokeResponse } | undefined)?.value ?? { status: 501 };
  return undefined;
}

export function createAdapter(options: AdapterOptions): BotAdapter {
  const { auth } = options;
  // No app id = local mode: the SDK skips token validation entirely.
  const authentication = new ReusingAuthentication({
    ...auth.cloud,
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.tenantId,
  });
  const cloudAdapter = new CloudAdapter(authentication);
  cloudAdapter.onTurnError = createTurnErrorHandler(options);
  // The first middleware, so it sees every turn even if a later one ends it early. Keyed by
  // the activity object, which the adapter hands to the turn's context unchanged.
  const turns = new WeakMap<Activity, TurnLeftovers>();
  cloudAdapter.use(async (context, next) => {
    turns.set(context.activity, { replies: context.bufferedReplyActivities, state: context.turnState });
    await next();
  });
  return {
    cloudAdapter,
    authenticate: (activity, authHeader) => authentication.authenticateRequest(activity, authHeader),
    async process(authResult, activity, logic) {
      await cloudAdapter.processActivityDirect(authResult, activity, logic);
      const turn = turns.get(activity);
      if (!turn) throw new Error('the adapter ran no turn for this activity');
      return turnResponse(activity, turn);
    },
  };
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
  const lang = getTurnLang(context) ?? replyLanguageOutsideTurn({ locale: activity.locale });
  try {
    await context.sendActivity(options.t(lang, 'error.generic'));
  } catch (sendError) {
    options.logger.error({ err: sendError, conversationId: activity.conversation?.id }, 'could not send the error message');
  }
}
