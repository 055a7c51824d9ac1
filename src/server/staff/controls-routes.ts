/**
 * Controls for a bad day (Staff.Content):
 *   GET /staff/api/controls   what is switched off, hand-over only, office hours, and the areas
 *   PUT /staff/api/controls   the whole set; every instance follows within a few seconds
 * Entry ids and areas are checked against the live content, so a typo cannot switch
 * off nothing while staff think the entry is off.
 */
import type { Request, Response, Server } from 'restify';
import { botControlsSchema } from '../../core/engine/controls-schema';
import type { KnowledgeAnswerer } from '../../core/knowledge/load-answerer';
import type { AuditSink } from '../../core/staff/audit';
import type { StaffSettings } from '../../core/staff/settings';
import { principalOf, type StaffGuard } from './guard';

export interface ControlsRouteDeps {
  guard: StaffGuard;
  audit: AuditSink;
  live: () => KnowledgeAnswerer;
  settings: StaffSettings;
}

export function registerControlsRoutes(server: Server, deps: ControlsRouteDeps): void {
  const content = deps.guard.require('Staff.Content');
  const areas = () => [...new Set(deps.live().content.kb.entries.map((entry) => entry.area))].sort();

  server.get('/staff/api/controls', content, async (_req: Request, res: Response) => {
    const controls = await deps.settings.controls.refresh();
    res.json(200, { controls, areas: areas() });
  });

  server.put('/staff/api/controls', content, async (req: Request, res: Response) => {
    const body = botControlsSchema.safeParse(req.body);
    if (!body.success) {
      res.json(400, { error: 'invalid_request', issues: body.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) });
      return;
    }
    const live = deps.live();
    const unknownEntries = body.data.disabledEntries.filter((id) => !live.entry(id));
    const unknownAreas = body.data.disabledAreas.filter((area) => !areas().includes(area));
    if (unknownEntries.length > 0 || unknownAreas.length > 0) {
      res.json(422, { error: 'unknown_ids', entries: unknownEntries, areas: unknownAreas });
      return;
    }
    const { actor } = principalOf(req);
    const before = deps.settings.controls.current;
    const controls = await deps.settings.controls.update(() => body.data);
    await deps.audit.record({
      actor,
      action: 'controlsChange',
      details: {
        disabledEntries: controls.disabledEntries.join(','),
        disabledAreas: controls.disabledAreas.join(','),
        handoverOnly: controls.handoverOnly,
        officeHours: controls.officeHours ? `${controls.officeHours.days.join('')} ${controls.officeHours.open}-${controls.officeHours.close}` : 'none',
        wasHandoverOnly: before.handoverOnly,
      },
    });
    res.json(200, { controls });
  });
}
