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

export function registerPrivacyPage(server: Server, notice: PrivacyNoticeSource): void {
  server.get(PRIVACY_PATH, async (req: Request, res: Response) => {
    // The server parses no query strings (restify's queryParser is not installed): read it here.
    const asked = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang') ?? '';
    const lang: Lang = asked === 'en' ? 'en' : asked === 'vi' ? 'vi' : /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi';
    const found = notice(lang);
    const other: Lang = lang === 'vi' ? 'en' : 'vi';
    const body = found
      ? `<h1>${escapeHtml(found.title)}</h1>\n${markdownToHtml(found.markdown)}\n<p><a href="${PRIVACY_PATH}?lang=${other}" lang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a></p>`
      : '<h1>404</h1>';
    const html = `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(found?.title ?? '404')}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head><body>\n${body}\n</body></html>\n`;
    res.writeHead(found ? 200 : 404, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(html);
  });
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
