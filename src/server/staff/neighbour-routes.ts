/**
 * The entry editor's confusable neighbours (Staff.Content):
 *   GET /staff/api/entries/:id/neighbours
 * The other entries students asking this one may get, from cross-validation of the live
 * content (src/core/knowledge/neighbours.ts). Worked out once per knowledge version, in a
 * worker process: 202 with `computing` until then (the page asks again), then 200; 503 with
 * `unavailable` when the worker failed or died for this version (the bot serves on).
 */
import type { Request, Response, Server } from 'restify';
import type { KnowledgeAnswerer } from '../../core/knowledge/load-answerer';
import type { NeighbourStatus } from '../../core/knowledge/neighbours';
import { liveEntryOf } from './entry-test-routes';
import type { StaffGuard } from './guard';

export interface NeighbourRouteDeps {
  guard: StaffGuard;
  live: () => KnowledgeAnswerer;
  /** The live version's neighbours, or where they are (asking starts the work). */
  neighbours?: () => Promise<NeighbourStatus>;
}

export function registerNeighbourRoutes(server: Server, deps: NeighbourRouteDeps): void {
  server.get('/staff/api/entries/:id/neighbours', deps.guard.require('Staff.Content'), async (req: Request, res: Response) => {
    const live = deps.live();
    const entry = liveEntryOf(live, req, res);
    if (!entry) return;
    const found: NeighbourStatus = deps.neighbours ? await deps.neighbours() : { status: 'unavailable' };
    if (found.status === 'computing') {
      res.json(202, { entryId: entry.id, status: 'computing' });
      return;
    }
    if (found.status === 'unavailable') {
      res.json(503, { entryId: entry.id, status: 'unavailable', error: 'neighbours_unavailable' });
      return;
    }
    const neighbours = (found.neighbours[entry.id] ?? []).flatMap((neighbour) => {
      const other = live.entry(neighbour.id);
      return other ? [{ id: other.id, question: other.question, phrasings: neighbour.phrasings, of: neighbour.of }] : [];
    });
    res.json(200, { entryId: entry.id, status: 'ready', neighbours });
  });
}
