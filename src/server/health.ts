/**
 * Liveness and readiness for Azure App Service / container probes:
 * /healthz says the process answers; /readyz says it can serve a turn
 * (knowledge base loaded, storage reachable).
 */
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

export function registerHealthRoutes(
  server: Server,
  checks: Record<string, ReadinessCheck>,
  timeoutMs = CHECK_TIMEOUT_MS,
): void {
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
    res.json(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });
}
