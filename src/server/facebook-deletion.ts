/**
 * Facebook's data deletion (Meta requires it of every app that stores user data):
 *   GET  /facebook/data-deletion                the instructions (Meta's "Data Deletion Instructions URL")
 *   POST /api/facebook/data-deletion            Meta's callback with a signed_request (src/core/facebook)
 *   GET  /facebook/data-deletion/status/:code   what a request deleted, behind its confirmation code
 * The pages are in both languages like /privacy; the callback is off (503) until
 * FACEBOOK_APP_SECRET is set.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { Translator } from '../core/content/catalogue';
import type { Lang } from '../core/knowledge/types';
import { findDeletionStatus, handleDeletionRequest, verifySignedRequest, type DeletionPorts, type DeletionStatus } from '../core/facebook';
import { escapeHtml, otherLanguageLink, pageLanguage, PRIVACY_PATH, sendPage } from './privacy-page';

export const FACEBOOK_DELETION_PATH = '/facebook/data-deletion';
export const FACEBOOK_DELETION_CALLBACK_PATH = '/api/facebook/data-deletion';
export const FACEBOOK_DELETION_STATUS_PATH = '/facebook/data-deletion/status';

export interface FacebookDeletionDeps extends DeletionPorts {
  /** FACEBOOK_APP_SECRET: without it the callback answers 503. */
  appSecret?: string;
  /** PUBLIC_BASE_URL: where the status page is (else the request's own address). */
  publicBaseUrl?: string;
  /** The records' retention, said on the instructions page. */
  retentionDays: number;
  /** UI strings (locales/<lang>/translation.json, facebookDeletion.*). */
  t: Translator;
  logger: Logger;
}

const FORM_TYPE = /^application\/x-www-form-urlencoded$/i;

export function registerFacebookDeletionRoutes(server: Server, deps: FacebookDeletionDeps): void {
  const { t } = deps;

  server.get(FACEBOOK_DELETION_PATH, async (req: Request, res: Response) => {
    const lang = pageLanguage(req);
    const body = [
      `<h1>${text(t, lang, 'title')}</h1>`,
      `<h2>${text(t, lang, 'howTitle')}</h2>`,
      `<p>${text(t, lang, 'how')}</p>`,
      `<h2>${text(t, lang, 'whatTitle')}</h2>`,
      `<p>${text(t, lang, 'what')}</p>`,
      `<h2>${text(t, lang, 'retentionTitle')}</h2>`,
      `<p>${text(t, lang, 'retention', { days: deps.retentionDays })}</p>`,
      `<h2>${text(t, lang, 'metaTitle')}</h2>`,
      `<p>${text(t, lang, 'meta')}</p>`,
      `<p><a href="${PRIVACY_PATH}?lang=${lang}">${text(t, lang, 'privacyLink')}</a></p>`,
      otherLanguageLink(FACEBOOK_DELETION_PATH, lang),
    ].join('\n');
    sendPage(res, 200, lang, t(lang, 'facebookDeletion.title'), body);
  });

  server.get(`${FACEBOOK_DELETION_STATUS_PATH}/:code`, async (req: Request, res: Response) => {
    const lang = pageLanguage(req);
    const code = String(req.params.code ?? '');
    let status: DeletionStatus | undefined;
    try {
      status = await findDeletionStatus(deps.records, code);
    } catch (error) {
      deps.logger.error({ err: error }, 'facebook data deletion: cannot read the requests');
      sendPage(res, 503, lang, t(lang, 'facebookDeletion.unavailableTitle'), `<h1>${text(t, lang, 'unavailableTitle')}</h1>\n<p>${text(t, lang, 'unavailable')}</p>`, NO_STORE);
      return;
    }
    const path = `${FACEBOOK_DELETION_STATUS_PATH}/${encodeURIComponent(code)}`;
    if (!status) {
      const body = [`<h1>${text(t, lang, 'notFoundTitle')}</h1>`, `<p>${text(t, lang, 'notFound')}</p>`, `<p><a href="${FACEBOOK_DELETION_PATH}?lang=${lang}">${text(t, lang, 'instructionsLink')}</a></p>`, otherLanguageLink(path, lang)];
      sendPage(res, 404, lang, t(lang, 'facebookDeletion.notFoundTitle'), body.join('\n'), NO_STORE);
      return;
    }
    sendPage(res, 200, lang, t(lang, 'facebookDeletion.statusTitle'), statusBody(t, lang, status, path), NO_STORE);
  });

  server.post(FACEBOOK_DELETION_CALLBACK_PATH, async (req: Request, res: Response) => {
    if (!deps.appSecret) {
      res.json(503, { error: 'The Facebook data deletion callback is off: FACEBOOK_APP_SECRET is not set on this server' });
      return;
    }
    const reject = (problem: string) => {
      deps.logger.warn({ problem }, 'facebook data deletion: request refused, nothing deleted');
      res.json(400, { error: `Bad request: ${problem}` });
    };
    const body: unknown = req.body;
    if (!FORM_TYPE.test(req.getContentType()) || typeof body !== 'string') return reject('expected an application/x-www-form-urlencoded body with signed_request');
    const values = new URLSearchParams(body).getAll('signed_request');
    if (values.length !== 1) return reject('expected exactly one signed_request');
    const verified = verifySignedRequest(values[0], deps.appSecret);
    if (!verified.ok) return reject(PROBLEMS[verified.problem]);
    try {
      const handled = await handleDeletionRequest(deps, verified.request);
      deps.logger.info({ replay: handled.replay }, 'facebook data deletion: request handled');
      res.json(200, { url: `${baseUrl(req, deps.publicBaseUrl)}${FACEBOOK_DELETION_STATUS_PATH}/${handled.code}`, confirmation_code: handled.code });
    } catch (error) {
      // Meta retries a failed callback; the retry finishes what this one started (same code).
      deps.logger.error({ err: error }, 'facebook data deletion: could not finish the request');
      res.json(500, { error: 'The deletion could not be finished; try again' });
    }
  });
}

const NO_STORE = { 'Cache-Control': 'no-store' };

const PROBLEMS: Record<'malformed' | 'signature' | 'algorithm', string> = {
  malformed: 'signed_request is not <signature>.<payload> in base64url with a JSON payload holding user_id and issued_at',
  signature: 'the signature does not match (check FACEBOOK_APP_SECRET)',
  algorithm: 'the payload\'s algorithm is not HMAC-SHA256',
};

function statusBody(t: Translator, lang: Lang, status: DeletionStatus, path: string): string {
  const parts = [`<h1>${text(t, lang, 'statusTitle')}</h1>`, `<p>${text(t, lang, 'statusReceived', { date: status.receivedAt.slice(0, 10), code: status.code })}</p>`];
  if (status.done) {
    parts.push(
      `<ul><li data-count="records">${text(t, lang, 'statusRecords', { count: status.done.recordsDeleted })}</li>` +
        `<li data-count="conversations">${text(t, lang, 'statusConversations', { count: status.done.conversationsDeleted })}</li></ul>`,
    );
  } else {
    parts.push(`<p>${text(t, lang, 'statusPending')}</p>`);
  }
  parts.push(`<h2>${text(t, lang, 'unmatchedTitle')}</h2>`, `<p>${text(t, lang, 'unmatched')}</p>`, `<p>${text(t, lang, 'how')}</p>`);
  parts.push(`<p><a href="${FACEBOOK_DELETION_PATH}?lang=${lang}">${text(t, lang, 'instructionsLink')}</a></p>`, otherLanguageLink(path, lang));
  return parts.join('\n');
}

/** A facebookDeletion.* string, escaped for HTML. */
function text(t: Translator, lang: Lang, key: string, vars?: Record<string, string | number>): string {
  return escapeHtml(t(lang, `facebookDeletion.${key}`, vars));
}

/** PUBLIC_BASE_URL, else the address the request came to (App Service forwards the scheme). */
function baseUrl(req: Request, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = req.headers.host ?? '';
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host)) return '';
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase();
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : req.isSecure() ? 'https' : 'http';
  return `${scheme}://${host}`;
}
