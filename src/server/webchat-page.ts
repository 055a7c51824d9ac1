/**
 * The local Web Chat page (local mode only): public/ files, and Web Chat's own
 * bundle from node_modules served as /vendor/webchat.js so the page needs no CDN.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Server, Request, Response } from 'restify';

const PAGES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/directline.js': { file: 'directline.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};

const gzipAsync = promisify(gzipCallback);

const WEBCHAT_BUNDLE = path.join('node_modules', 'botframework-webchat', 'dist', 'webchat.js');

/** The first `relative` path found in `start` or one of its parent folders, as Node looks for node_modules. */
export function findUp(relative: string, start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${relative} not found above ${start}; run npm install in the project folder`);
  }
}

export function registerWebChatPage(server: Server): void {
  const root = path.dirname(findUp(path.join('public', 'index.html')));
  // The package's `exports` map hides dist/ from require.resolve: find the file itself.
  const bundlePath = findUp(WEBCHAT_BUNDLE);
  // 3.9 MB raw, about 1 MB gzipped: compress once, lazily, for phones on slow links.
  let bundle: Promise<{ raw: Buffer; gzip: Buffer }> | undefined;

  for (const [route, page] of Object.entries(PAGES)) {
    server.get(route, async (_req: Request, res: Response) => {
      // Read per request: editing the page shows on reload, and it is only used locally.
      const body = await readFile(path.join(root, page.file));
      res.writeHead(200, { 'Content-Type': page.type, 'Cache-Control': 'no-cache' });
      res.end(body);
    });
  }

  server.get('/vendor/webchat.js', async (req: Request, res: Response) => {
    bundle ??= readFile(bundlePath).then(async (raw) => ({ raw, gzip: await gzipAsync(raw) }));
    const { raw, gzip } = await bundle;
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      Vary: 'Accept-Encoding',
      ...(acceptsGzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(acceptsGzip ? gzip : raw);
  });
}
