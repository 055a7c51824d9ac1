/**
 * Signing in to the staff console: what the page may offer (GET /staff/auth/session).
 * Entra ID sign-in, token sign-in and sign-out extend this file.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { AuditSink } from '../../core/staff/audit';
import type { StaffGuard } from './guard';

export interface SignInDeps {
  /** Entra ID sign-in is configured. */
  entra: boolean;
  /** A staff token is configured (the page offers a token sign-in). */
  token: boolean;
}

export interface SessionStatus {
  signIn: { entra: boolean; token: boolean };
  user: { name: string; roles: readonly string[] } | null;
  /** The CSRF token the page sends with every change. */
  csrf: string | null;
  /** The console sections whose module exists. */
  tabs: string[];
}

export function registerSignInRoutes(
  server: Server,
  deps: SignInDeps & { guard: StaffGuard; audit: AuditSink; logger: Logger; tabs: () => Promise<string[]> },
): void {
  // Open to everyone: it says how to sign in and, once signed in, who you are; never any data.
  server.get('/staff/auth/session', async (req: Request, res: Response) => {
    const principal = deps.guard.identify(req);
    const status: SessionStatus = {
      signIn: { entra: deps.entra, token: deps.token },
      user: principal ? { name: principal.displayName, roles: principal.roles } : null,
      csrf: null,
      tabs: principal ? await deps.tabs() : [],
    };
    res.json(200, status);
  });
}
