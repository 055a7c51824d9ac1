/**
 * The HTTP side: restify with /api/messages, health, metrics and (in local mode)
 * the Web Chat page. `startServer` builds the adapter and the bot from what
 * index.ts (or a test) hands it, and returns a handle that closes gracefully.
 */
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Answerer, KnowledgeEntry } from '../core/knowledge/types';
import { createAdapter } from '../bot/adapter';
import { AdmissionsBot, type AdmissionsBotDeps } from '../bot/admissions-bot';
import type { FlowRunner } from '../bot/flow-runner';
import { createTranslator } from '../bot/i18n';
import { loggingSinks, type RecordSinks } from '../bot/sinks';
import { probeStorage } from '../bot/storage';
import type { BotStateSet } from '../bot/state';
import type { ContentStatus } from '../core/content/live-content';
import type { Translator } from '../core/conversation/reply';
import { registerAdminRoutes } from './admin';
import { registerDirectLineTokenRoute } from './directline-token';
import { registerHealthRoutes, type ReadinessCheck } from './health';
import { InFlight } from './in-flight';
import { bodyParsers } from './body-parser';
import type { ConversationQueue } from './conversation-queue';
import { registerMessagesRoute } from './messages-route';
import { replyLocale } from './reply-locale';
import { perAddressLimit } from './per-address-limit';
import { countDecision, createMetrics, type BotMetrics } from './metrics';
import { registerWebChatPage } from './webchat-page';

export interface ServerDeps {
  answerer: Answerer;
  /** Every knowledge entry, for the area menus. */
  listEntries: () => readonly KnowledgeEntry[];
  state: BotStateSet;
  logger: Logger;
  /** Defaults to logging sinks. */
  sinks?: RecordSinks;
  flowRunner?: FlowRunner;
  handover?: AdmissionsBotDeps['handover'];
  deleteUserData?: AdmissionsBotDeps['deleteUserData'];
  now?: () => Date;
  /** Host to listen on; all interfaces by default (containers). */
  host?: string;
  /** UI strings; read from config.localesDir when absent (live reload passes one that follows the content). */
  t?: Translator;
  /** More readiness checks for /readyz (live content: stale or not). */
  readiness?: Record<string, ReadinessCheck>;
  /** Reloads the content now; with config.adminToken, served at POST /admin/reload. */
  reloadContent?: () => Promise<ContentStatus>;
  /** Turns of one conversation one after another; one is made when absent (tests pass theirs to look at it). */
  conversations?: ConversationQueue;
}

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  metrics: BotMetrics;
  /** Stops accepting, waits for turns in flight (up to `drainMs`), closes connections. */
  close(drainMs?: number): Promise<void>;
}

export async function startServer(config: Config, deps: ServerDeps): Promise<RunningServer> {
  const { logger } = deps;
  const t = deps.t ?? createTranslator(config.localesDir);
  const metrics = createMetrics();
  const inFlight = new InFlight();

  const adapter = createAdapter({
    auth: config.auth,
    logger,
    t,
    onError: () => metrics.errors.inc({ source: 'turn' }),
  });
  adapter.use(replyLocale);
  const bot = new AdmissionsBot({
    answerer: deps.answerer,
    listEntries: deps.listEntries,
    state: deps.state,
    t,
    logger,
    sinks: deps.sinks ?? loggingSinks(logger),
    maxMessageLength: config.maxMessageLength,
    flowRunner: deps.flowRunner,
    handover: deps.handover,
    deleteUserData: deps.deleteUserData,
    onDecision: (kind) => countDecision(metrics, kind),
    now: deps.now,
  });

  const server = restify.createServer({ name: 'pn-admissions-bot', handleUncaughtExceptions: false });
  server.use(perAddressLimit(config.limits.ipPerMinute, logger));
  const { maxBodyBytes, maxActivityDepth, maxActivityValues } = config.limits;
  server.use(bodyParsers({ maxBodyBytes, maxDepth: maxActivityDepth, maxValues: maxActivityValues }));
  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    // Malformed JSON and oversized bodies end here with a 4xx; log them, the response is already right.
    const status = error.statusCode ?? 500;
    const details = { path: req.path(), status, reason: error.message };
    if (status >= 500) {
      metrics.errors.inc({ source: 'http' });
      logger.error(details, 'request failed');
    } else if (status === 400 || status === 413) {
      logger.warn(details, 'request rejected');
    } else {
      logger.debug(details, 'request rejected');
    }
    callback();
  });

  registerMessagesRoute(server, {
    adapter,
    runTurn: (context) => bot.run(context),
    authRequired: !config.localMode,
    metrics,
    inFlight,
    logger,
    t,
    conversationPerMinute: config.limits.conversationPerMinute,
    localServiceUrls: config.limits.localServiceUrls,
    conversations: deps.conversations,
  });
  registerHealthRoutes(server, {
    knowledge: async () => {
      if (deps.listEntries().length === 0) throw new Error('the knowledge base has no entries');
    },
    storage: () => probeStorage(deps.state.storage),
    ...deps.readiness,
  });
  if (config.adminToken && deps.reloadContent) registerAdminRoutes(server, { token: config.adminToken, reload: deps.reloadContent });
  server.get('/metrics', async (_req: Request, res: Response) => {
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
    res.end(await metrics.registry.metrics());
  });
  registerDirectLineTokenRoute(server, { ...config.directLine, logger });
  registerWebChatPage(server, config);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const host = deps.host ?? config.host;
    if (host) server.listen(config.port, host, () => resolve());
    else server.listen(config.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, localMode: config.localMode }, 'listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    metrics,
    close(drainMs = 10_000) {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.server.close(() => resolve()));
        // Keep-alive connections would hold close() open; idle ones can go now, busy ones after their turn.
        server.server.closeIdleConnections();
        const drained = await inFlight.drained(drainMs);
        if (!drained) logger.warn({ inFlight: inFlight.size }, 'shutdown: turns still running after the drain time');
        server.server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
