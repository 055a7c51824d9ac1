/**
 * GET /privacy?lang=vi|en: the privacy notice the consent questions link to. Its words are
 * the knowledge-base entry `bot.privacy` (staff edit it like any answer, in both languages),
 * so this page only lays out that text; a reload or a staff edit shows on the next request.
 */
import type { Request, Response, Server } from 'restify';
import type { Lang } from '../core/knowledge/types';

export const PRIVACY_PATH = '/privacy';

export interface PrivacyNotice {
  title: string;
  /** The answer's Markdown: paragraphs, "- " lists and **bold**. */
  markdown: string;
}

/** The notice in one language, or undefined when the knowledge base has no `bot.privacy` entry. */
export type PrivacyNoticeSource = (lang: Lang) => PrivacyNotice | undefined;

/** Links the page shows below the notice (the Facebook data deletion instructions). */
export type PageLinks = (lang: Lang) => Array<{ href: string; text: string }>;

export function registerPrivacyPage(server: Server, notice: PrivacyNoticeSource, links: PageLinks = () => []): void {
  server.get(PRIVACY_PATH, async (req: Request, res: Response) => {
    const lang = pageLanguage(req);
    const found = notice(lang);
    const more = links(lang).map((link) => `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>`);
    const body = found ? [`<h1>${escapeHtml(found.title)}</h1>`, markdownToHtml(found.markdown), ...more, otherLanguageLink(PRIVACY_PATH, lang)].join('\n') : '<h1>404</h1>';
    sendPage(res, found ? 200 : 404, lang, found?.title ?? '404', body);
  });
}

/** The page's language: `?lang=vi|en`, else the browser's Accept-Language, else Vietnamese. */
export function pageLanguage(req: Request): Lang {
  // The server parses no query strings (restify's queryParser is not installed): read it here.
  const asked = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang') ?? '';
  return asked === 'en' ? 'en' : asked === 'vi' ? 'vi' : /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi';
}

/** A link to the same page in the other language. */
export function otherLanguageLink(path: string, lang: Lang): string {
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return `<p><a href="${escapeHtml(path)}?lang=${other}" lang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a></p>`;
}

/**
 * Sends a small public page: no script, nothing loaded from elsewhere (the CSP allows only
 * its inline style), never framed, and no referrer (a status page's address holds its code).
 */
export function sendPage(res: Response, status: number, lang: Lang, title: string, body: string, headers: Record<string, string> = {}): void {
  const html = `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head><body>\n${body}\n</body></html>\n`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(html);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The little Markdown answers use: paragraphs, "- " lists, **bold**; everything else as text. */
export function markdownToHtml(markdown: string): string {
  const inline = (text: string) => escapeHtml(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  return markdown
    .trim()
    .split(/\n\s*\n/)
    .map((block) => {
      const lines = block.split('\n').map((line) => line.trim()).filter(Boolean);
      if (lines.every((line) => line.startsWith('- '))) return `<ul>${lines.map((line) => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>`;
      return lines.map((line) => (line.startsWith('- ') ? `<ul><li>${inline(line.slice(2))}</li></ul>` : `<p>${inline(line)}</p>`)).join('\n');
    })
    .join('\n');
}
