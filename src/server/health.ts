/**
 * Liveness and readiness for Azure App Service / container probes:
 * /healthz says the process answers; /readyz says it can serve a turn
 * (knowledge base loaded, storage reachable).
 */
import type { Request, Response, Server } from 'restify';

export type ReadinessCheck = () => Promise<void>;

export function registerHealthRoutes(server: Server, checks: Record<string, ReadinessCheck>): void {
  const started = Date.now();

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json(200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, { ok: true }] as const;
        } catch (error) {
          return [name, { ok: false, error: (error as Error).message }] as const;
        }
      }),
    );
    const ready = results.every(([, result]) => result.ok);
    res.json(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });
}
