/**
 * Signing in to the staff console and out of it:
 * - GET  /staff/auth/session   what the page may offer, who is signed in, the CSRF token (never any data);
 * - GET  /staff/auth/login     starts the Entra ID sign-in (redirect to Microsoft);
 * - GET  /staff/auth/callback  finishes it: a new session, then back to /staff;
 * - POST /staff/auth/token     signs in with STAFF_TOKEN (local use), same session cookie;
 * - POST /staff/auth/logout    ends the session (its record is deleted: the cookie is dead everywhere).
 * Every sign-in, failed sign-in and sign-out goes to the audit log.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { AuditSink } from '../../core/staff/audit';
import { createSessionStore, newSession, SESSION_ABSOLUTE_MS, type SessionStore, type SessionStoreSetting } from '../../core/staff/sessions';
import { cookieHeader, CookieKeys, readCookie, SESSION_COOKIE, SIGN_IN_COOKIE } from './cookies';
import { EntraSignIn, SIGN_IN_MAX_AGE_MS, SignInError, type SignInFailure, type SignInTransaction } from './entra';
import { createStaffGuard, fromThisSite, sameSecret, STAFF_ROLES, type SignInFailureHook, type StaffGuard } from './guard';

/**
 * Where per-address limits on failed sign-ins plug in (issue 22): `allow` is asked before
 * a sign-in is tried (false answers 429), `failed` hears every failure.
 */
export interface SignInAttempts {
  allow?(req: Request): boolean | Promise<boolean>;
  failed?(req: Request, reason: SignInFailure | 'token'): void;
}

export interface SignInDeps {
  entra?: EntraSignIn;
  /** STAFF_TOKEN: the page offers a token sign-in. */
  token?: string;
  /** Undefined when no sign-in is configured (no session secret). */
  sessions?: { store: SessionStore; keys: CookieKeys };
  publicOrigin?: string;
  attempts?: SignInAttempts;
  now?: () => number;
}

export interface SessionStatus {
  signIn: { entra: boolean; token: boolean };
  user: { name: string; roles: readonly string[] } | null;
  /** The CSRF token the page sends with every change (X-CSRF-Token). */
  csrf: string | null;
  /** The console sections whose module exists. */
  tabs: string[];
}

/** The guard and sign-in of the configuration: sessions in memory locally, in the state's Blob container with STORAGE=blob. */
export function createStaffAccess(
  config: Pick<Config, 'staffToken' | 'staff'>,
  storage: SessionStoreSetting,
  options: { store?: SessionStore; now?: () => number; failures?: SignInFailureHook } = {},
): { guard: StaffGuard; signIn: SignInDeps } {
  const { sessionSecret, oidc } = config.staff;
  const sessions = sessionSecret ? { store: options.store ?? createSessionStore(storage), keys: new CookieKeys(sessionSecret) } : undefined;
  const publicOrigin = oidc ? new URL(oidc.redirectUri).origin : undefined;
  const guard = createStaffGuard({ token: config.staffToken, sessions: sessions && { ...sessions, now: options.now }, publicOrigin, failures: options.failures });
  return {
    guard,
    signIn: { entra: oidc && new EntraSignIn(oidc), token: config.staffToken, sessions, publicOrigin, now: options.now },
  };
}

/** Adds a Set-Cookie header, keeping the ones already set (a callback clears one cookie and sets another). */
function addCookie(res: Response, cookie: string): void {
  const existing = res.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

export function registerSignInRoutes(
  server: Server,
  deps: SignInDeps & { guard: StaffGuard; audit: AuditSink; logger: Logger; tabs: () => Promise<string[]> },
): void {
  const { guard, audit, logger, sessions, entra, attempts } = deps;
  const now = deps.now ?? Date.now;
  const sessionMaxAge = Math.floor(SESSION_ABSOLUTE_MS / 1000);

  // Returns nothing: restify warns about a value returned from an async handler.
  const refuse = (res: Response, status: number, error: string): void => {
    res.json(status, { error });
  };

  /** Logs and audits a failed sign-in, tells the limiter (issue 22). Never the token, never an e-mail. */
  const failed = async (req: Request, reason: SignInFailure | 'token', detail: string, actor = 'anonymous') => {
    logger.warn({ reason, detail, actor, address: req.socket?.remoteAddress }, 'staff sign-in failed');
    attempts?.failed?.(req, reason);
    await audit.record({ actor, action: 'signInFailed', details: { reason } });
  };

  const startSession = async (res: Response, who: { actor: string; displayName: string; roles: string[]; via: 'token' | 'session' }) => {
    if (!sessions) throw new Error('sessions are not configured');
    // A new id at every sign-in: a session id planted before sign-in is worth nothing after it.
    const session = newSession(who, now());
    await sessions.store.put(session);
    addCookie(res, cookieHeader(SESSION_COOKIE, sessions.keys.sign(session.id), sessionMaxAge));
    await audit.record({ actor: who.actor, action: 'signIn', details: { method: who.actor === 'token' ? 'token' : 'entra', roles: who.roles.join(' ') } });
  };

  server.get('/staff/auth/session', async (req: Request, res: Response) => {
    const principal = await guard.load(req);
    const status: SessionStatus = {
      signIn: { entra: entra !== undefined, token: deps.token !== undefined && sessions !== undefined },
      user: principal ? { name: principal.displayName, roles: principal.roles } : null,
      csrf: guard.sessionOf(req)?.csrf ?? null,
      tabs: principal ? await deps.tabs() : [],
    };
    res.json(200, status);
  });

  server.post('/staff/auth/token', async (req: Request, res: Response) => {
    if (!deps.token || !sessions) return refuse(res, 404, 'not_found');
    if (!fromThisSite(req, deps.publicOrigin)) return refuse(res, 403, 'origin_refused');
    if (attempts?.allow && !(await attempts.allow(req))) return refuse(res, 429, 'too_many_attempts');
    const body = (req.body ?? {}) as { token?: unknown };
    if (typeof body.token !== 'string' || !sameSecret(body.token, deps.token)) {
      await failed(req, 'token', 'wrong staff token');
      return refuse(res, 401, 'sign_in_required');
    }
    await startSession(res, { actor: 'token', displayName: 'token', roles: [...STAFF_ROLES], via: 'token' });
    res.json(200, { signedIn: true });
  });

  server.get('/staff/auth/login', async (req: Request, res: Response) => {
    if (!entra || !sessions) return refuse(res, 404, 'not_found');
    if (attempts?.allow && !(await attempts.allow(req))) return refuse(res, 429, 'too_many_attempts');
    let started: Awaited<ReturnType<EntraSignIn['start']>>;
    try {
      started = await entra.start(now());
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'staff sign-in: the identity provider cannot be reached');
      res.header('Location', '/staff?signin=provider');
      res.send(302);
      return;
    }
    addCookie(res, cookieHeader(SIGN_IN_COOKIE, sessions.keys.seal(started.transaction), Math.floor(SIGN_IN_MAX_AGE_MS / 1000)));
    res.header('Location', started.url);
    res.send(302);
  });

  server.get('/staff/auth/callback', async (req: Request, res: Response) => {
    if (!entra || !sessions) return refuse(res, 404, 'not_found');
    const sealed = readCookie(req.header('cookie'), SIGN_IN_COOKIE);
    const transaction = sealed ? sessions.keys.unseal<SignInTransaction>(sealed) : undefined;
    // The transaction is single-use: cleared whatever happens next.
    addCookie(res, cookieHeader(SIGN_IN_COOKIE, '', 0));
    try {
      if (attempts?.allow && !(await attempts.allow(req))) return refuse(res, 429, 'too_many_attempts');
      const person = await entra.finish(req.getQuery(), transaction, now());
      await startSession(res, { ...person, via: 'session' });
      res.header('Location', '/staff');
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      await failed(req, error.reason, error.message, error.actor);
      res.header('Location', `/staff?signin=${error.reason}`);
    }
    res.send(302);
  });

  server.post('/staff/auth/logout', async (req: Request, res: Response) => {
    await guard.load(req);
    const session = guard.sessionOf(req);
    if (session && sessions) {
      if (!fromThisSite(req, deps.publicOrigin)) return refuse(res, 403, 'origin_refused');
      const csrf = req.header('x-csrf-token');
      if (!csrf || !sameSecret(csrf, session.csrf)) return refuse(res, 403, 'csrf_failed');
      await sessions.store.delete(session.id);
      await audit.record({ actor: session.actor, action: 'signOut' });
    }
    // Whoever asks, the browser's cookie goes (a bearer request has none to lose).
    addCookie(res, cookieHeader(SESSION_COOKIE, '', 0));
    res.send(204);
  });
}
