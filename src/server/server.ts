/**
 * The HTTP side: restify with /api/messages, health, metrics and (in local mode)
 * the Web Chat page. `startServer` builds the adapter around the bot that the one
 * assembly (src/app.ts) hands it, and returns a handle that closes gracefully.
 */
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { createAdapter } from '../bot/adapter';
import type { Translator } from '../core/content/catalogue';
import type { ContentStatus } from '../core/content/live-content';
import { registerAdminRoutes } from './admin';
import { registerDirectLineTokenRoute } from './directline-token';
import { registerHealthRoutes, type ReadinessCheck } from './health';
import { InFlight } from './in-flight';
import { bodyParsers } from './body-parser';
import type { ConversationQueue } from './conversation-queue';
import { registerMessagesRoute, type MessagesRouteDeps } from './messages-route';
import type { BotMetrics } from './metrics';
import { registerMetricsRoute } from './metrics-route';
import { perAddressLimit } from './per-address-limit';
import { SignInFailures } from './sign-in-failures';
import { replyLocale } from './reply-locale';
import { registerStaffRoutes, type StaffDeps } from './staff';
import { registerWebChatPage } from './webchat-page';
import { registerPrivacyPage, type PrivacyNoticeSource } from './privacy-page';
import { FACEBOOK_DELETION_PATH, registerFacebookDeletionRoutes, type FacebookDeletionDeps } from './facebook-deletion';

/** What the one assembly (src/app.ts) hands the HTTP side. */
export interface ServerDeps {
  /** Runs one Bot Framework turn (the bot's `run`). */
  runTurn: MessagesRouteDeps['runTurn'];
  logger: Logger;
  /** UI strings, for the error handler's apology. */
  t: Translator;
  metrics: BotMetrics;
  /** Host to listen on; config.host (else all interfaces) when absent. */
  host?: string;
  /** Readiness checks for /readyz (knowledge, storage, records, live content). */
  readiness: Record<string, ReadinessCheck>;
  /** Reloads the content now; with config.staffToken, served at POST /admin/reload. */
  reloadContent?: () => Promise<ContentStatus>;
  /** Turns of one conversation one after another; one is made when absent (tests pass theirs to look at it). */
  conversations?: ConversationQueue;
  /** Failed admin, metrics and staff sign-ins per address; one is made when absent. */
  signInFailures?: SignInFailures;
  /** The staff console (/staff and /staff/api). */
  staff?: StaffDeps;
  /** The privacy notice served at /privacy (the knowledge base's `bot.privacy`); not served when absent. */
  privacyNotice?: PrivacyNoticeSource;
  /** Facebook's data deletion: instructions, Meta's callback and status pages (the app secret, storage). */
  facebookDeletion?: Omit<FacebookDeletionDeps, 't' | 'logger'>;
}

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  metrics: BotMetrics;
  /** Stops accepting, waits for turns in flight (up to `drainMs`), closes connections. */
  close(drainMs?: number): Promise<void>;
}

/**
 * Deadlines a slow client cannot stretch: its headers within headersTimeoutMs, its whole
 * request within requestTimeoutMs, and an idle keep-alive connection closed after
 * keepAliveTimeoutMs (Node checks the first two every 30 s). Node's defaults (60 s, 300 s)
 * let 200 connections holding unfinished bodies stay open for five minutes.
 */
export function applyTimeouts(http: import('node:http').Server, limits: Pick<Config['limits'], 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'>): void {
  http.headersTimeout = limits.headersTimeoutMs;
  http.requestTimeout = limits.requestTimeoutMs;
  http.keepAliveTimeout = limits.keepAliveTimeoutMs;
}

export async function startServer(config: Config, deps: ServerDeps): Promise<RunningServer> {
  const { logger, metrics } = deps;
  const inFlight = new InFlight();
  const adapter = createAdapter({
    auth: config.auth,
    logger,
    t: deps.t,
    onError: () => metrics.errors.inc({ source: 'turn' }),
  });
  adapter.cloudAdapter.use(replyLocale);

  const server = restify.createServer({ name: 'pn-admissions-bot', handleUncaughtExceptions: false });
  applyTimeouts(server.server, config.limits);
  const signInFailures = deps.signInFailures ?? new SignInFailures({ maxFailures: config.limits.signInMaxFailures, logger });
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
    runTurn: deps.runTurn,
    authRequired: !config.localMode,
    metrics,
    inFlight,
    logger,
    t: deps.t,
    conversationPerMinute: config.limits.conversationPerMinute,
    localServiceUrls: config.limits.localServiceUrls,
    conversations: deps.conversations,
  });
  registerHealthRoutes(server, deps.readiness, { showDetails: config.localMode, logger });
  if (config.staffToken && deps.reloadContent) {
    registerAdminRoutes(server, { token: config.staffToken, reload: deps.reloadContent, failures: signInFailures });
  }
  registerMetricsRoute(server, { registry: metrics.registry, token: config.metricsToken, open: config.localMode, failures: signInFailures });
  registerDirectLineTokenRoute(server, { ...config.directLine, logger });
  registerWebChatPage(server, config);
  if (deps.staff) registerStaffRoutes(server, { ...deps.staff, signIn: { ...deps.staff.signIn, attempts: deps.staff.signIn.attempts ?? signInFailures } });
  if (deps.facebookDeletion) registerFacebookDeletionRoutes(server, { ...deps.facebookDeletion, t: deps.t, logger });
  if (deps.privacyNotice) {
    const facebookLink = (lang: 'vi' | 'en') => ({ href: `${FACEBOOK_DELETION_PATH}?lang=${lang}`, text: deps.t(lang, 'facebookDeletion.linkFromPrivacy') });
    registerPrivacyPage(server, deps.privacyNotice, deps.facebookDeletion ? (lang) => [facebookLink(lang)] : undefined);
  }

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
