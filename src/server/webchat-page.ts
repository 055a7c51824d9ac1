/**
 * The local Web Chat page (local mode only): public/ files, and Web Chat's own
 * bundle from node_modules served as /vendor/webchat.js so the page needs no CDN.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Server, Request, Response } from 'restify';

const PAGES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/directline.js': { file: 'directline.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};

const WEBCHAT_BUNDLE = path.join('node_modules', 'botframework-webchat', 'dist', 'webchat.js');

/**
 * The package's `exports` map hides dist/ from require.resolve, so look for the
 * file the way Node looks for packages: in node_modules of each parent folder.
 */
export function findWebChatBundle(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, WEBCHAT_BUNDLE);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`Web Chat bundle not found (${WEBCHAT_BUNDLE}); run npm install`);
  }
}

export function publicDir(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'public', 'index.html');
    if (existsSync(candidate)) return path.dirname(candidate);
    if (path.dirname(dir) === dir) throw new Error('public/index.html not found');
  }
}

export function registerWebChatPage(server: Server): void {
  const root = publicDir();
  const bundlePath = findWebChatBundle();
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
    bundle ??= readFile(bundlePath).then((raw) => ({ raw, gzip: gzipSync(raw) }));
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
