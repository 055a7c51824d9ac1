/**
 * The Web Chat page (public/), in both modes. Local mode: Web Chat talks to
 * /api/messages through public/directline.js, with Web Chat's own bundle from
 * node_modules as /vendor/webchat.js (a devDependency: absent in production, and
 * the page then says how to install it). Production: the page gets a Direct Line
 * token from /api/directline/token and loads Web Chat from Microsoft's CDN.
 * /embed.js puts the page in an iframe on another site (deployment/README.md).
 * The page's own words come from locales/webchat/<lang>.json.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Server, Request, Response } from 'restify';
import type { Config } from '../config';
import { DIRECT_LINE_TOKEN_PATH } from './directline-token';

const PAGES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/directline.js': { file: 'directline.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};

const LANGS = ['vi', 'en'] as const;

const gzipAsync = promisify(gzipCallback);

const WEBCHAT_BUNDLE = path.join('node_modules', 'botframework-webchat', 'dist', 'webchat.js');
/** Pinned to the version package.json names, so local and production pages run the same Web Chat. */
export const WEBCHAT_CDN_BUNDLE = 'https://cdn.botframework.com/botframework-webchat/4.18.1/webchat.js';

/** The first `relative` path found in `start` or one of its parent folders, as Node looks for node_modules. */
function findUp(relative: string, start: string = __dirname): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** What public/app.js needs to know, as window.PN_CHAT_SETTINGS. */
export interface PageSettings {
  mode: 'local' | 'directline';
  /** Where Web Chat's bundle comes from; null when it is not installed here (local mode). */
  bundleUrl: string | null;
  tokenUrl: string;
  text: Record<(typeof LANGS)[number], unknown>;
}

type PageConfig = Pick<Config, 'localMode' | 'localesDir' | 'directLine'>;

export interface WebChatPageOptions {
  /** Web Chat's bundle; found in node_modules when absent, null to act as if it were not installed (tests). */
  bundlePath?: string | null;
}

export function registerWebChatPage(server: Server, config: PageConfig, options: WebChatPageOptions = {}): void {
  const indexFile = findUp(path.join('public', 'index.html'));
  if (!indexFile) throw new Error(`public/index.html not found above ${__dirname}`);
  const root = path.dirname(indexFile);
  // The package's `exports` map hides dist/ from require.resolve: find the file itself.
  const bundlePath = options.bundlePath === undefined ? findUp(WEBCHAT_BUNDLE) : options.bundlePath;
  // Local mode without the bundle gets no CDN: it works offline or says clearly what is missing.
  const bundleUrl = bundlePath ? '/vendor/webchat.js' : config.localMode ? null : WEBCHAT_CDN_BUNDLE;
  // Which sites may show the page in a frame: the same ones that may ask for tokens.
  const frameAncestors = ["'self'", ...config.directLine.allowedOrigins].join(' ');

  const pageText = async () => {
    const entries = await Promise.all(
      LANGS.map(async (lang) => [lang, JSON.parse(await readFile(path.join(config.localesDir, 'webchat', `${lang}.json`), 'utf8'))]),
    );
    return Object.fromEntries(entries) as PageSettings['text'];
  };

  for (const [route, page] of Object.entries(PAGES)) {
    server.get(route, async (_req: Request, res: Response) => {
      // Read per request: editing the page shows on reload.
      const body = await readFile(path.join(root, page.file));
      res.writeHead(200, {
        'Content-Type': page.type,
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': `frame-ancestors ${frameAncestors}`,
      });
      res.end(body);
    });
  }

  server.get('/webchat/settings.js', async (_req: Request, res: Response) => {
    const settings: PageSettings = {
      mode: config.localMode ? 'local' : 'directline',
      bundleUrl,
      tokenUrl: DIRECT_LINE_TOKEN_PATH,
      text: await pageText(),
    };
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(`window.PN_CHAT_SETTINGS = ${JSON.stringify(settings)};\n`);
  });

  // The embed script for other sites: where the page is, and its frame title in both languages.
  server.get('/embed.js', async (_req: Request, res: Response) => {
    const text = (await pageText()) as Record<string, { frameTitle: string }>;
    const script = await readFile(path.join(root, 'embed.js'), 'utf8');
    const frameTitle = LANGS.map((lang) => text[lang].frameTitle).join(' · ');
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
    res.end(script.replace('__PN_FRAME_TITLE__', JSON.stringify(frameTitle)));
  });

  if (!bundlePath) return;
  // 3.9 MB raw, about 1 MB gzipped: compress once, lazily, for phones on slow links.
  let bundle: Promise<{ raw: Buffer; gzip: Buffer }> | undefined;
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
