/**
 * Every route of the staff console, registered once from src/server/server.ts. Each part
 * registers its own routes here with one line: the page and sign-in (issue 19a), content
 * and history (19b), inbox, entries and controls (19c), leads and report (19a). Every
 * route checks its own role with `deps.guard.require(...)`.
 */
import type { Next, Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { RecordStore } from '../../core/records';
import type { AuditSink } from '../../core/staff/audit';
import type { StaffGuard } from './guard';
import { registerStaffPage, STAFF_HEADERS } from './page';
import { registerSignInRoutes, type SignInDeps } from './sign-in';

export interface StaffDeps {
  guard: StaffGuard;
  audit: AuditSink;
  records: RecordStore;
  logger: Logger;
  localesDir: string;
  signIn: SignInDeps;
}

export function registerStaffRoutes(server: Server, deps: StaffDeps): void {
  // The console's CSP, no caching and no CORS on everything under /staff, API answers included.
  server.use((req: Request, res: Response, next: Next) => {
    if (req.path() === '/staff' || req.path().startsWith('/staff/')) {
      for (const [name, value] of Object.entries(STAFF_HEADERS)) res.header(name, value);
    }
    next();
  });
  const page = registerStaffPage(server, { localesDir: deps.localesDir });
  registerSignInRoutes(server, { ...deps.signIn, guard: deps.guard, audit: deps.audit, logger: deps.logger, tabs: page.tabs });
}
