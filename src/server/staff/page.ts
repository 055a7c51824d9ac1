/**
 * The staff console's page: /staff (public/staff/index.html), its script, styles, section
 * modules (public/staff/tabs/<id>.js) and strings (locales/staff/<lang>.json). Every
 * response carries the console's CSP and no CORS header: the console is only ever this
 * origin's page, never framed (the chat page's WEBCHAT_ORIGINS does not apply here).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';

export const STAFF_CSP = "default-src 'self'; frame-ancestors 'none'";

/** Headers of every staff response, pages and API alike. */
export const STAFF_HEADERS = {
  'Content-Security-Policy': STAFF_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
} as const;

const LANGS = new Set(['vi', 'en']);
// A section id is a plain word: never a path.
const TAB_ID = /^[a-z][a-z-]{0,30}$/;

const FILES: Record<string, { file: string; type: string }> = {
  '/staff': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/staff/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/staff/shell.js': { file: 'shell.js', type: 'text/javascript; charset=utf-8' },
  '/staff/staff.css': { file: 'staff.css', type: 'text/css; charset=utf-8' },
};

function findStaffRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'public', 'staff');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`public/staff/index.html not found above ${start}`);
  }
}

export interface StaffPage {
  /** The section ids whose module file exists (public/staff/tabs/<id>.js). */
  tabs(): Promise<string[]>;
}

export function registerStaffPage(server: Server, options: { localesDir: string }): StaffPage {
  const root = findStaffRoot();
  const tabsDir = path.join(root, 'tabs');

  const send = (res: Response, type: string, body: Buffer | string) => {
    res.writeHead(200, { ...STAFF_HEADERS, 'Content-Type': type });
    res.end(body);
  };
  const notFound = (res: Response) => {
    res.writeHead(404, { ...STAFF_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'not_found' }));
  };

  for (const [route, page] of Object.entries(FILES)) {
    // Read per request: editing the page shows on reload.
    server.get(route, async (_req: Request, res: Response) => send(res, page.type, await readFile(path.join(root, page.file))));
  }

  server.get('/staff/tabs/:file', async (req: Request, res: Response) => {
    const match = /^(.+)\.js$/.exec(String(req.params.file ?? ''));
    const id = match?.[1];
    if (!id || !TAB_ID.test(id)) return notFound(res);
    const file = path.join(tabsDir, `${id}.js`);
    if (!existsSync(file)) return notFound(res);
    send(res, 'text/javascript; charset=utf-8', await readFile(file));
  });

  server.get('/staff/locales/:file', async (req: Request, res: Response) => {
    const lang = /^(vi|en)\.json$/.exec(String(req.params.file ?? ''))?.[1];
    if (!lang || !LANGS.has(lang)) return notFound(res);
    send(res, 'application/json; charset=utf-8', await readFile(path.join(options.localesDir, 'staff', `${lang}.json`)));
  });

  return {
    async tabs() {
      const names = existsSync(tabsDir) ? await readdir(tabsDir) : [];
      return names.filter((name) => name.endsWith('.js')).map((name) => name.slice(0, -3)).filter((id) => TAB_ID.test(id));
    },
  };
}
