/**
 * Who may use a staff route, and with which role. The one contract every staff route
 * (content, inbox, leads, report) is written against: a route asks `guard.require(role)`
 * and reads `principalOf(req)`; it never looks at headers or cookies itself.
 *
 * This first version knows one way in, `Authorization: Bearer <STAFF_TOKEN>` (both roles,
 * acting as `token`). Sessions from Entra ID sign-in, CSRF and sign-in limits extend this
 * file without changing the contract.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next, Request, RequestHandler, Response } from 'restify';

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
  /** The principal of a request, or undefined: for pages that show more when signed in. */
  identify(req: Request): StaffPrincipal | undefined;
}

const PRINCIPAL = Symbol('staffPrincipal');
type WithPrincipal = Request & { [PRINCIPAL]?: StaffPrincipal };

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

export function createTokenGuard(staffToken: string | undefined): StaffGuard {
  const identify = (req: Request): StaffPrincipal | undefined => {
    const given = bearerOf(req);
    if (!staffToken || !given || !sameSecret(given, staffToken)) return undefined;
    return { actor: 'token', displayName: 'token', roles: STAFF_ROLES, via: 'token' };
  };
  return {
    identify,
    require(role: StaffRole): RequestHandler {
      return (req: Request, res: Response, next: Next) => {
        const principal = identify(req);
        if (!principal) {
          res.json(401, { error: 'sign_in_required' });
          return next(false);
        }
        if (!principal.roles.includes(role)) {
          res.json(403, { error: 'role_required', role });
          return next(false);
        }
        (req as WithPrincipal)[PRINCIPAL] = principal;
        return next();
      };
    },
  };
}
