/**
 * The entry editor's confusable neighbours (Staff.Content):
 *   GET /staff/api/entries/:id/neighbours
 * The other entries students asking this one may get, from cross-validation of the live
 * content (src/core/knowledge/neighbours.ts). Worked out once per content version, in
 * the background: 202 with `computing` until then (the page asks again), then 200.
 */
import type { Request, Response, Server } from 'restify';
import type { KnowledgeAnswerer } from '../../core/knowledge/load-answerer';
import type { NeighbourMap } from '../../core/knowledge/neighbours';
import { liveEntryOf } from './entry-test-routes';
import type { StaffGuard } from './guard';

export interface NeighbourRouteDeps {
  guard: StaffGuard;
  live: () => KnowledgeAnswerer;
  /** The live version's neighbours, or undefined while they are worked out (asking starts it). */
  neighbours?: () => NeighbourMap | undefined;
}

export function registerNeighbourRoutes(server: Server, deps: NeighbourRouteDeps): void {
  server.get('/staff/api/entries/:id/neighbours', deps.guard.require('Staff.Content'), async (req: Request, res: Response) => {
    const live = deps.live();
    const entry = liveEntryOf(live, req, res);
    if (!entry) return;
    const map = deps.neighbours?.();
    if (!map) {
      res.json(202, { entryId: entry.id, status: 'computing' });
      return;
    }
    const neighbours = (map[entry.id] ?? []).flatMap((neighbour) => {
      const other = live.entry(neighbour.id);
      return other ? [{ id: other.id, question: other.question, phrasings: neighbour.phrasings, of: neighbour.of }] : [];
    });
    res.json(200, { entryId: entry.id, status: 'ready', neighbours });
  });
}
