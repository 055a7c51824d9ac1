/**
 * GET /metrics for Prometheus. App Service exposes one port, so the metrics are behind
 * `Authorization: Bearer <METRICS_TOKEN>`; without a token they are served in local mode
 * only (this machine) and not at all with an app id (404). Wrong tokens count as failed
 * sign-ins (logged, limited per address).
 */
import type { Registry } from 'prom-client';
import type { Request, Response, Server } from 'restify';
import { addressOf, type SignInFailures } from './sign-in-failures';
import { bearerOf, sameSecret } from './staff/guard';

export interface MetricsRouteOptions {
  registry: Registry;
  token?: string;
  /** Serve without a token (local mode) when no token is configured. */
  open: boolean;
  failures: SignInFailures;
}

export function registerMetricsRoute(server: Server, options: MetricsRouteOptions): void {
  const { registry, token } = options;
  if (!token && !options.open) return;
  server.get('/metrics', async (req: Request, res: Response) => {
    if (token) {
      if (options.failures.refuse(req, res)) return;
      const given = bearerOf(req);
      if (!given || !sameSecret(given, token)) {
        options.failures.fail(addressOf(req), '/metrics');
        res.json(401, { error: 'a valid bearer token is required' });
        return;
      }
    }
    res.writeHead(200, { 'Content-Type': registry.contentType });
    res.end(await registry.metrics());
  });
}
