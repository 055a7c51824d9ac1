/** The routes of issue 19c: the inbox, the entry editor's test pane, and the controls. */
import type { Server } from 'restify';
import { registerControlsRoutes } from './controls-routes';
import { registerEntryTestRoutes } from './entry-test-routes';
import { registerInboxRoutes, type InboxRouteDeps } from './inbox-routes';

export type InboxConsoleDeps = Omit<InboxRouteDeps, 'guard' | 'audit' | 'localesDir'>;

export function registerConsoleRoutes(server: Server, deps: InboxRouteDeps): void {
  registerInboxRoutes(server, deps);
  registerEntryTestRoutes(server, deps);
  registerControlsRoutes(server, deps);
}
