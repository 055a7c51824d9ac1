/** The routes of issue 19c: the inbox, the entry editor's test pane and confusable neighbours, and the controls. */
import type { Server } from 'restify';
import { registerControlsRoutes } from './controls-routes';
import { registerEntryTestRoutes, type EntryTestRouteDeps } from './entry-test-routes';
import { registerInboxRoutes, type InboxRouteDeps } from './inbox-routes';
import { registerNeighbourRoutes, type NeighbourRouteDeps } from './neighbour-routes';

export type InboxConsoleDeps = Omit<InboxRouteDeps, 'guard' | 'audit' | 'localesDir'> & Pick<NeighbourRouteDeps, 'neighbours'> & Pick<EntryTestRouteDeps, 'compileDraft'>;

export function registerConsoleRoutes(server: Server, deps: InboxRouteDeps & Pick<NeighbourRouteDeps, 'neighbours'> & Pick<EntryTestRouteDeps, 'compileDraft'>): void {
  registerInboxRoutes(server, deps);
  registerEntryTestRoutes(server, deps);
  registerNeighbourRoutes(server, deps);
  registerControlsRoutes(server, deps);
}
