/**
 * Every route of the staff console, registered once from src/server/server.ts. Each part
 * registers its own routes here with one line: the page and sign-in (issue 19a), content
 * and history (19b), inbox, entries and controls (19c), leads and report (19a). Every
 * route checks its own role with `deps.guard.require(...)`.
 */
import type { Next, Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { KnowledgeAnswerer } from '../../core/knowledge/load-answerer';
import type { RecordStore } from '../../core/records';
import type { AuditSink } from '../../core/staff/audit';
import type { ContentService } from '../../core/staff/content-service';
import { registerContentRoutes } from './content-routes';
import type { StaffGuard } from './guard';
import { registerLeadsRoutes, type LeadsRouteDeps } from './leads-routes';
import { registerStaffPage, STAFF_HEADERS } from './page';
import { registerReportRoutes } from './report-routes';
import { registerSignInRoutes, type SignInDeps } from './sign-in';
import { registerConsoleRoutes, type InboxConsoleDeps } from './console-routes';

export interface StaffDeps {
  guard: StaffGuard;
  audit: AuditSink;
  records: RecordStore;
  logger: Logger;
  localesDir: string;
  /** From createStaffAccess (src/server/staff/sign-in.ts), like `guard`. */
  signIn: SignInDeps;
  /** The bot's "delete my data" for one person (records and stored state). */
  deletePerson: LeadsRouteDeps['deletePerson'];
  /** The live knowledge base (the report names entries with it). */
  answerer: () => KnowledgeAnswerer;
  /** Publishing, history and undo (issue 19b). */
  content?: ContentService;
  /** Inbox, entry test pane and controls (19c). */
  inbox?: InboxConsoleDeps;
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
  registerLeadsRoutes(server, deps);
  registerReportRoutes(server, deps);
  if (deps.content) registerContentRoutes(server, { guard: deps.guard, content: deps.content, localesDir: deps.localesDir });
  if (deps.inbox) registerConsoleRoutes(server, { ...deps.inbox, guard: deps.guard, audit: deps.audit, localesDir: deps.localesDir });
}
