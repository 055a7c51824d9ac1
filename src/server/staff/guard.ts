/**
 * Who may use a staff route, and with which role. The one contract every staff route
 * (content, inbox, leads, report) is written against: a route asks `guard.require(role)`
 * and reads `principalOf(req)`; it never looks at headers or cookies itself.
 *
 * Two ways in: `Authorization: Bearer <STAFF_TOKEN>` (both roles, acting as `token`;
 * scripts) and the console's session cookie (Entra ID or token sign-in, src/server/staff/sign-in.ts).
 * A session's change (any method but GET/HEAD/OPTIONS) also needs its CSRF token in
 * `X-CSRF-Token` and an Origin header naming this site; bearer requests are exempt (a
 * browser never adds that header by itself). Identity headers a proxy might add are never read.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next, Request, RequestHandler, Response } from 'restify';
import { SESSION_IDLE_MS, sessionAlive, SESSION_TOUCH_MS, type SessionStore, type StaffSession } from '../../core/staff/sessions';
import { CookieKeys, readCookie, SESSION_COOKIE } from './cookies';

/** Entra app roles (the `roles` claim). */
export type StaffRole = 'Staff.Content' | 'Staff.Leads';
export const STAFF_ROLES: readonly StaffRole[] = ['Staff.Content', 'Staff.Leads'];

export interface StaffPrincipal {
  /** Stable actor id for history and audit: `tid:oid` from Entra, or `token`. Never an e-mail. */
  actor: string;
  /** For display only. */
  displayName: string;
  roles: readonly StaffRole[];
  via: 'token' | 'session';
}

export interface StaffGuard {
  /** A restify handler that answers 401 (nobody signed in) or 403 (role missing) and stops, else lets the route run. */
  require(role: StaffRole): RequestHandler;
  /** The principal of a request, or undefined: for pages that show more when signed in (after `load`). */
  identify(req: Request): StaffPrincipal | undefined;
  /** Finds the request's principal (a bearer token or a live session) and keeps it on the request for `identify`. */
  load(req: Request): Promise<StaffPrincipal | undefined>;
  /** The live session behind a request, after `load` (the sign-in routes read its CSRF token). */
  sessionOf(req: Request): StaffSession | undefined;
}

const PRINCIPAL = Symbol('staffPrincipal');
const LOADED = Symbol('staffLoaded');
type WithPrincipal = Request & { [PRINCIPAL]?: StaffPrincipal; [LOADED]?: { principal?: StaffPrincipal; session?: StaffSession } };

/** The principal `require` let through; throws when a route forgot its guard (a bug, never a user's fault). */
export function principalOf(req: Request): StaffPrincipal {
  const principal = (req as WithPrincipal)[PRINCIPAL];
  if (!principal) throw new Error('staff route without guard.require');
  return principal;
}

export function sameSecret(given: string, expected: string): boolean {
  // Hash first so lengths match and timing says nothing about the token.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function bearerOf(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Optional: failed sign-ins logged and limited per address (src/server/sign-in-failures.ts). */
export interface SignInFailureHook {
  refuse(req: Request, res: Response): boolean;
  fail(address: string, route: string): void;
}

export interface StaffGuardOptions {
  token?: string;
  /** Failed bearer sign-ins are logged and limited per address. */
  failures?: SignInFailureHook;
  sessions?: { store: SessionStore; keys: CookieKeys; now?: () => number };
  /** The console's public origin (from STAFF_REDIRECT_URI); without it a change's Origin must name the request's Host. */
  publicOrigin?: string;
}

/** True when the request's Origin header names this site. */
export function fromThisSite(req: Request, publicOrigin?: string): boolean {
  const origin = req.header('origin');
  if (!origin || origin === 'null') return false;
  if (publicOrigin) return origin === publicOrigin;
  try {
    return new URL(origin).host === req.header('host');
  } catch {
    return false;
  }
}

export function createStaffGuard(options: StaffGuardOptions): StaffGuard {
  const { token, sessions, publicOrigin, failures } = options;
  const now = sessions?.now ?? Date.now;
  const tokenPrincipal: StaffPrincipal = { actor: 'token', displayName: 'token', roles: STAFF_ROLES, via: 'token' };

  const findSession = async (req: Request): Promise<StaffSession | undefined> => {
    if (!sessions) return undefined;
    const signed = readCookie(req.header('cookie'), SESSION_COOKIE);
    // A forged or altered cookie fails here, before any store is asked.
    const id = signed ? sessions.keys.verify(signed) : undefined;
    if (!id) return undefined;
    const session = await sessions.store.get(id);
    const at = now();
    if (!session || !sessionAlive(session, at)) return undefined;
    if (at - session.lastSeenAt >= Math.min(SESSION_TOUCH_MS, SESSION_IDLE_MS)) {
      session.lastSeenAt = at;
      await sessions.store.put(session);
    }
    return session;
  };

  const load = async (req: Request): Promise<StaffPrincipal | undefined> => {
    const holder = req as WithPrincipal;
    if (holder[LOADED]) return holder[LOADED].principal;
    let loaded: { principal?: StaffPrincipal; session?: StaffSession };
    const given = bearerOf(req);
    if (req.header('authorization') !== undefined) {
      // A bearer that is wrong is a failure, never a reason to look at the cookie instead.
      loaded = token && given && sameSecret(given, token) ? { principal: tokenPrincipal } : {};
    } else {
      const session = await findSession(req);
      loaded = session
        ? { session, principal: { actor: session.actor, displayName: session.displayName, roles: session.roles.filter(isStaffRole), via: 'session' } }
        : {};
    }
    holder[LOADED] = loaded;
    return loaded.principal;
  };

  return {
    load,
    identify: (req) => (req as WithPrincipal)[LOADED]?.principal,
    sessionOf: (req) => (req as WithPrincipal)[LOADED]?.session,
    require(role: StaffRole): RequestHandler {
      // restify refuses async handlers that take `next`: a plain function that waits for the session lookup.
      return (req: Request, res: Response, next: Next) => {
        if (failures?.refuse(req, res)) return next(false);
        load(req).then(
          (principal) => {
            // A bearer that does not match is a failed sign-in; no credential at all is just "not signed in".
            if (!principal && req.header('authorization') !== undefined) failures?.fail(req.socket.remoteAddress ?? 'unknown', req.path());
            const refusal = refusalOf(req, principal, role);
            if (refusal) {
              res.json(refusal.status, refusal.body);
              return next(false);
            }
            (req as WithPrincipal)[PRINCIPAL] = principal;
            return next();
          },
          (error: unknown) => next(error as Error),
        );
      };
    },
  };

  function refusalOf(req: Request, principal: StaffPrincipal | undefined, role: StaffRole): { status: number; body: Record<string, string> } | undefined {
    if (!principal) return { status: 401, body: { error: 'sign_in_required' } };
    if (principal.via === 'session' && !SAFE_METHODS.has(req.method ?? '')) {
      if (!fromThisSite(req, publicOrigin)) return { status: 403, body: { error: 'origin_refused' } };
      const session = (req as WithPrincipal)[LOADED]?.session;
      const csrf = req.header('x-csrf-token');
      if (!session || !csrf || !sameSecret(csrf, session.csrf)) return { status: 403, body: { error: 'csrf_failed' } };
    }
    if (!principal.roles.includes(role)) return { status: 403, body: { error: 'role_required', role } };
    return undefined;
  }
}

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** Bearer `STAFF_TOKEN` only (scripts, and tests of routes that do not care how one signs in). */
export function createTokenGuard(staffToken: string | undefined): StaffGuard {
  return createStaffGuard({ token: staffToken });
}
