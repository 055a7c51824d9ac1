/**
 * POST /admin/reload: for deployments where content files arrive another way than a
 * watched folder (a zip deploy, a mounted share). Off unless ADMIN_TOKEN is set; the
 * token is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { ContentStatus } from '../core/content/live-content';

function sameSecret(given: string, expected: string): boolean {
  // Hash first so lengths match and timing says nothing about the token.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function registerAdminRoutes(server: Server, options: { token: string; reload: () => Promise<ContentStatus> }): void {
  server.post('/admin/reload', async (req: Request, res: Response) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !sameSecret(match[1].trim(), options.token)) {
      res.json(401, { error: 'a valid bearer token is required' });
      return;
    }
    const status = await options.reload();
    // 422: the files on disk do not load; the bot keeps serving the last good content.
    res.json(status.stale ? 422 : 200, status);
  });
}
