/**
 * POST /api/messages: every activity from a channel goes through the
 * CloudAdapter (token check, then the bot's turn). With deliveryMode
 * "expectReplies" the replies come back in the response body.
 */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { ConversationQueue } from './conversation-queue';
import type { InFlight } from './in-flight';
import { activityTypeLabel, type BotMetrics } from './metrics';

export interface MessagesRouteDeps {
  adapter: CloudAdapter;
  runTurn: (context: TurnContext) => Promise<void>;
  /** True when an app id is configured and every request must carry a Bot Framework token. */
  authRequired: boolean;
  metrics: BotMetrics;
  inFlight: InFlight;
  logger: Logger;
  conversations?: ConversationQueue;
}

export function registerMessagesRoute(server: Server, deps: MessagesRouteDeps): void {
  const conversations = deps.conversations ?? new ConversationQueue();
  server.post('/api/messages', async (req: Request, res: Response) => {
    const body: unknown = req.body;
    const activityType = activityTypeLabel(isObject(body) ? body.type : undefined);
    if (deps.authRequired && !req.headers.authorization) {
      // Answer without the adapter: it would log a stack trace for every anonymous probe.
      res.json(401, { error: 'Unauthorized: a Bot Framework token is required' });
      return;
    }
    if (!isObject(body) || typeof body.type !== 'string' || body.type === '') {
      res.json(400, { error: 'Bad request: the body must be a JSON activity with a type' });
      return;
    }
    deps.metrics.turns.inc({ activity_type: activityType });
    const stopTimer = deps.metrics.turnDuration.startTimer({ activity_type: activityType });
    const conversationId = isObject(body.conversation) && typeof body.conversation.id === 'string' ? body.conversation.id : undefined;
    await deps.inFlight.track(async () => {
      try {
        await conversations.run(conversationId, () => deps.adapter.process(req, res, deps.runTurn));
      } catch (error) {
        deps.metrics.errors.inc({ source: 'http' });
        deps.logger.error({ err: error }, 'could not process an activity');
        if (!res.headersSent) res.json(500, { error: 'Internal error' });
      } finally {
        stopTimer();
      }
    });
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
