/**
 * POST /api/messages: every activity from a channel. In order, each step before anything
 * costlier looks at the request:
 *   1. per-address rate limit (429), before the body is read (registered in server.ts);
 *   2. body size (413), JSON depth and value count (400), before parsing (body-parser.ts);
 *   3. the activity's ids, conversation, service URL, locale and every field the bot reads
 *      (activity-checks.ts): 400 {"error":"invalid_activity","field":...};
 *   4. Bot Framework authentication: any failure is 401 with no detail and one log line;
 *   5. per-conversation rate limit: once a minute a polite reply in the user's language,
 *      otherwise 429;
 *   6. the turn, through the CloudAdapter (src/bot/adapter.ts, public SDK API only). With deliveryMode "expectReplies" the replies
 *      come back in the response body. In local mode (no authentication) every activity is
 *      answered that way unless its serviceUrl is in the allow-list: the bot never POSTs to
 *      an address an unauthenticated client names.
 */
import { INVOKE_RESPONSE_KEY, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { Translator } from '../core/conversation/reply';
import { replyLanguageOutsideTurn } from '../core/engine';
import type { BotAdapter } from '../bot/adapter';
import { checkActivity } from './activity-checks';
import { ConversationQueue } from './conversation-queue';
import type { InFlight } from './in-flight';
import { activityTypeLabel, type BotMetrics } from './metrics';
import { RateLimiter } from './rate-limit';

export interface MessagesRouteDeps {
  adapter: BotAdapter;
  runTurn: (context: TurnContext) => Promise<void>;
  /** True when an app id is configured and every request must carry a Bot Framework token. */
  authRequired: boolean;
  metrics: BotMetrics;
  inFlight: InFlight;
  logger: Logger;
  /** For the slow-down reply. */
  t: Translator;
  /** Activities per conversation per minute; 0 = no limit. */
  conversationPerMinute: number;
  /** Local mode: origins of service URLs replies may be POSTed to. */
  localServiceUrls: readonly string[];
  conversations?: ConversationQueue;
}

/** One line, bounded: an SDK error message can hold a whole token or a stack. */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 200);
}

function originOf(url: unknown): string | undefined {
  try {
    return typeof url === 'string' ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

export function registerMessagesRoute(server: Server, deps: MessagesRouteDeps): void {
  const conversations = deps.conversations ?? new ConversationQueue();
  const perConversation = new RateLimiter(deps.conversationPerMinute);
  const { adapter } = deps;
  const allowedServiceUrls = new Set(deps.localServiceUrls);

  const slowDown = async (context: TurnContext) => {
    const { activity } = context;
    const text = typeof activity.text === 'string' ? activity.text.slice(0, 500) : '';
    const lang = replyLanguageOutsideTurn({ text, locale: activity.locale });
    await context.sendActivity(deps.t(lang, 'limits.slowDown'));
  };

  server.post('/api/messages', async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (deps.authRequired && !req.headers.authorization) {
      // Answer without the adapter: it would log a stack trace for every anonymous probe.
      res.json(401, { error: 'Unauthorized' });
      return;
    }
    const checked = checkActivity(body);
    if (!checked.ok) {
      res.json(400, { error: 'invalid_activity', field: checked.field });
      return;
    }
    const activity = checked.activity as unknown as Activity;
    const activityType = activityTypeLabel(activity.type);

    let auth: AuthenticateRequestResult;
    try {
      auth = await adapter.authenticate(activity, req.headers.authorization ?? '');
    } catch (error) {
      deps.logger.warn({ event: 'auth_failed', reason: shortReason(error), ip: req.socket.remoteAddress }, 'request not authenticated');
      res.json(401, { error: 'Unauthorized' });
      return;
    }

    const conversationId = activity.conversation.id;
    // Messages and button clicks count; typing indicators and events (which Web Chat may send every few seconds) do not.
    const decision = activity.type === 'message' || activity.type === 'invoke' ? perConversation.take(conversationId) : 'allow';
    if (decision === 'reject') {
      res.header('Retry-After', String(perConversation.retryAfterSeconds()));
      res.json(429, { error: 'Too many requests' });
      return;
    }
    const forceReplies = !deps.authRequired && activity.deliveryMode !== 'expectReplies' && !allowedServiceUrls.has(originOf(activity.serviceUrl) ?? '');
    if (forceReplies) activity.deliveryMode = 'expectReplies';
    // An invoke answered with expectReplies would lose its own response (status and body): keep it aside.
    let invokeResponse: InvokeResponse | undefined;
    const turn = decision === 'notice' ? slowDown : deps.runTurn;
    const logic =
      forceReplies && activity.type === 'invoke'
        ? async (context: TurnContext) => {
            await turn(context);
            invokeResponse = (context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: InvokeResponse } | undefined)?.value ?? { status: 501 };
          }
        : turn;

    deps.metrics.turns.inc({ activity_type: activityType });
    const stopTimer = deps.metrics.turnDuration.startTimer({ activity_type: activityType });
    await deps.inFlight.track(async () => {
      try {
        const processed = await conversations.run(conversationId, () => adapter.process(auth, activity, logic));
        const response = invokeResponse ?? processed;
        if (response?.body !== undefined) res.json(response.status ?? 200, response.body);
        else res.send(response?.status ?? 200);
      } catch (error) {
        deps.metrics.errors.inc({ source: 'http' });
        deps.logger.error({ err: error, conversationId }, 'could not process an activity');
        if (!res.headersSent) res.json(500, { error: 'Internal error' });
      } finally {
        stopTimer();
      }
    });
  });
}
