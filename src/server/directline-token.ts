/**
 * POST /api/directline/token: production Web Chat's way in. The server holds the
 * Direct Line secret and exchanges it for a short-lived token for one
 * conversation, so a browser never sees the secret. Rate-limited per client
 * address (restify's token-bucket throttle), and callable from a browser only by
 * the page itself and the origins in WEBCHAT_ORIGINS.
 */
import { randomUUID } from 'node:crypto';
import restify, { type Next, type Request, type RequestHandler, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config';

export const DIRECT_LINE_TOKEN_PATH = '/api/directline/token';

/** A burst of tokens per client address, then one more per second: enough for a school, too few to farm. */
const DEFAULT_RATE = { burst: 20, perSecond: 1 };
/** Direct Line answers in well under a second; a visitor should not wait longer than this for the chat. */
const UPSTREAM_TIMEOUT_MS = 10_000;

export type DirectLineTokenOptions = Config['directLine'] & {
  logger: Logger;
  rate?: { burst: number; perSecond: number };
};

/** What Direct Line answers to tokens/generate; anything else is treated as a failure. */
const generatedToken = z.object({
  token: z.string().min(1),
  conversationId: z.string().min(1),
  expires_in: z.number().int().positive(),
});

/** What the page gets: the token, and where to use it (a regional endpoint needs its own domain). */
export interface TokenResponse {
  token: string;
  conversationId: string;
  userId: string;
  expiresIn: number;
  domain: string;
}

function sendError(res: Response, status: number, error: string, message: string): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, { error, message });
}

/**
 * CORS for the configured origins only. A request without Origin (server to server)
 * or from the bot's own page passes; the rate limit still applies to both.
 */
function corsFor(allowedOrigins: readonly string[]): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const origin = req.headers.origin;
    res.header('Vary', 'Origin');
    if (origin === undefined) return next();
    const sameOrigin = origin.replace(/^https?:\/\//i, '') === req.headers.host;
    if (!sameOrigin && !allowedOrigins.includes(origin)) {
      sendError(res, 403, 'origin_not_allowed', `Origin ${origin} may not request Web Chat tokens; add it to WEBCHAT_ORIGINS.`);
      return next(false);
    }
    res.header('Access-Control-Allow-Origin', origin);
    return next();
  };
}

export function registerDirectLineTokenRoute(server: Server, options: DirectLineTokenOptions): void {
  const { secret, endpoint, allowedOrigins, logger } = options;
  const rate = options.rate ?? DEFAULT_RATE;
  const cors = corsFor(allowedOrigins);
  const throttle = restify.plugins.throttle({ burst: rate.burst, rate: rate.perSecond, ip: true });

  server.opts(DIRECT_LINE_TOKEN_PATH, cors, (_req: Request, res: Response, next: Next) => {
    res.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.header('Access-Control-Allow-Headers', 'Content-Type');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
    return next();
  });

  server.post(DIRECT_LINE_TOKEN_PATH, cors, throttle, async (_req: Request, res: Response) => {
    if (!secret) {
      sendError(res, 503, 'directline_not_configured', 'Web Chat is not set up on this server: DIRECT_LINE_SECRET is not set.');
      return;
    }
    // Direct Line's enhanced authentication wants user ids that start with dl_.
    const userId = `dl_${randomUUID().replace(/-/g, '')}`;
    let response: globalThis.Response;
    try {
      response = await fetch(`${endpoint}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch (error) {
      logger.error({ err: error, endpoint }, 'Direct Line token: the service could not be reached');
      sendError(res, 502, 'directline_unreachable', `The Direct Line service at ${endpoint} could not be reached.`);
      return;
    }
    // The upstream body is never passed on: it is not ours to show, and it is logged only by status.
    const parsed = response.ok ? generatedToken.safeParse(await response.json().catch(() => undefined)) : undefined;
    if (!parsed?.success) {
      logger.error({ status: response.status, endpoint }, 'Direct Line token: the service refused or answered oddly');
      const hint = response.status === 401 || response.status === 403 ? ' Check DIRECT_LINE_SECRET.' : '';
      sendError(res, 502, 'directline_refused', `The Direct Line service answered HTTP ${response.status} instead of a token.${hint}`);
      return;
    }
    const body: TokenResponse = {
      token: parsed.data.token,
      conversationId: parsed.data.conversationId,
      userId,
      expiresIn: parsed.data.expires_in,
      domain: `${endpoint}/v3/directline`,
    };
    res.header('Cache-Control', 'no-store');
    res.send(200, body);
  });
}
