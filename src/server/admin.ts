/**
 * POST /admin/reload: for deployments where content files arrive another way than a
 * watched folder (a zip deploy, a mounted share). Off unless ADMIN_TOKEN is set; the
 * token is compared in constant time, and failed attempts are logged and limited per
 * address (sign-in-failures.ts).
 */
import type { Request, Response, Server } from 'restify';
import type { ContentStatus } from '../core/content/live-content';
import { addressOf, type SignInFailures } from './sign-in-failures';
import { bearerOf, sameSecret } from './staff/guard';

export function registerAdminRoutes(server: Server, options: { token: string; reload: () => Promise<ContentStatus>; failures: SignInFailures }): void {
  server.post('/admin/reload', async (req: Request, res: Response) => {
    if (options.failures.refuse(req, res)) return;
    const given = bearerOf(req);
    if (!given || !sameSecret(given, options.token)) {
      options.failures.fail(addressOf(req), '/admin/reload');
      res.json(401, { error: 'a valid bearer token is required' });
      return;
    }
    const status = await options.reload();
    // 422: the files on disk do not load; the bot keeps serving the last good content.
    res.json(status.stale ? 422 : 200, status);
  });
}
