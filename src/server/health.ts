/**
 * Liveness and readiness for Azure App Service / container probes:
 * /healthz says the process answers; /readyz says it can serve a turn
 * (knowledge base loaded, storage reachable). With an app id the public is told only
 * ready or not: a failing check's text (an internal address, a file path) goes to the
 * log. Locally the checks are shown too.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';

/** Throws when not ready; may return facts to show (the content version served). */
export type ReadinessCheck = () => Promise<void | Record<string, string | number>>;

/** A probe must answer quickly: storage SDKs retry for a minute before giving up. */
const CHECK_TIMEOUT_MS = 3000;

function withTimeout(check: ReadinessCheck, timeoutMs: number): ReturnType<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

export interface HealthOptions {
  /** Show each check's result in the /readyz body (local mode only). */
  showDetails: boolean;
  logger: Logger;
  timeoutMs?: number;
}

export function registerHealthRoutes(server: Server, checks: Record<string, ReadinessCheck>, options: HealthOptions): void {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const started = Date.now();

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json(200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          const facts = await withTimeout(check, timeoutMs);
          return [name, { ...(facts ?? {}), ok: true }] as const;
        } catch (error) {
          return [name, { ok: false, error: (error as Error).message }] as const;
        }
      }),
    );
    const ready = results.every(([, result]) => result.ok);
    const failed = Object.fromEntries(results.filter(([, result]) => !result.ok));
    if (!ready) options.logger.warn({ event: 'not_ready', checks: failed }, 'readiness check failed');
    const status = ready ? 'ready' : 'not ready';
    res.json(ready ? 200 : 503, options.showDetails ? { status, checks: Object.fromEntries(results) } : { status });
  });
}
