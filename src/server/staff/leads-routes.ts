/**
 * Leads and hand-overs (role Staff.Leads, checked by every route):
 * - GET    /staff/api/leads              the list with status and who set it;
 * - POST   /staff/api/leads/:id/status   {"status": "new" | "contacted" | "closed"} appends a status change;
 * - POST   /staff/api/leads/export       the list as CSV (a download in the browser);
 * - DELETE /staff/api/leads/:id          deletes the person's data: every record and the bot's memory of them.
 * `:id` is looked up among the stored records; it never names a file or blob. Status
 * changes, exports and deletions go to the audit log with record ids, never a name or phone.
 */
import type { Request, Response, Server } from 'restify';
import type { RecordStore, StoredRecord } from '../../core/records';
import { recordsToCsv } from '../../core/report';
import type { AuditSink } from '../../core/staff/audit';
import { appendLeadStatus, findLeadRecord, isLeadStatus, listLeads, ownerOf } from '../../core/staff/leads';
import { principalOf, type StaffGuard } from './guard';

export interface LeadsRouteDeps {
  guard: StaffGuard;
  audit: AuditSink;
  records: RecordStore;
  /** Deletes every record and the stored state of a person (the bot's "delete my data"); resolves with the records removed. */
  deletePerson(who: { userId: string; channelId: string; conversationId: string }): Promise<number>;
}

const ID = /^[A-Za-z0-9._:-]{1,200}$/;

export function registerLeadsRoutes(server: Server, deps: LeadsRouteDeps): void {
  const { guard, audit, records } = deps;
  const leadsRole = guard.require('Staff.Leads');

  const findLead = async (req: Request, res: Response): Promise<StoredRecord | undefined> => {
    const id = String(req.params.id ?? '');
    const record = ID.test(id) ? await findLeadRecord(records, id) : undefined;
    if (!record) res.json(404, { error: 'not_found' });
    return record;
  };

  server.get('/staff/api/leads', leadsRole, async (_req: Request, res: Response) => {
    res.json(200, { leads: await listLeads(records) });
  });

  server.post('/staff/api/leads/:id/status', leadsRole, async (req: Request, res: Response) => {
    const status = (req.body as { status?: unknown } | undefined)?.status;
    if (!isLeadStatus(status)) {
      res.json(400, { error: 'bad_request', field: 'status' });
      return;
    }
    const lead = await findLead(req, res);
    if (!lead) return;
    const who = principalOf(req);
    await appendLeadStatus(records, lead, status, who);
    await audit.record({ actor: who.actor, action: 'leadStatus', target: lead.id, details: { status } });
    const updated = (await listLeads(records)).find((candidate) => candidate.id === lead.id);
    res.json(200, { lead: updated });
  });

  server.post('/staff/api/leads/export', leadsRole, async (req: Request, res: Response) => {
    const leads = await listLeads(records);
    const rows = leads.map((lead): StoredRecord => ({
      id: lead.id,
      kind: lead.kind,
      at: lead.at,
      reference: lead.reference,
      flow: lead.flow,
      lang: lead.lang,
      status: lead.status,
      statusBy: lead.statusByName || lead.statusBy || '',
      statusAt: lead.statusAt ?? '',
      answers: lead.answers,
      recentQuestions: lead.recentQuestions,
    }));
    await audit.record({ actor: principalOf(req).actor, action: 'leadsExport', details: { count: rows.length } });
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="leads.csv"',
    });
    // A byte-order mark so spreadsheet programs read the Vietnamese letters as UTF-8.
    res.end(`\uFEFF${recordsToCsv(rows)}`);
  });

  server.del('/staff/api/leads/:id', leadsRole, async (req: Request, res: Response) => {
    const lead = await findLead(req, res);
    if (!lead) return;
    const owner = ownerOf(lead);
    let removed = 0;
    if (owner.userId && owner.channelId) {
      removed += await deps.deletePerson({ userId: owner.userId, channelId: owner.channelId, conversationId: owner.conversationId ?? '' });
    }
    // A record without a user (written by an older bot) goes by its reference.
    if (owner.reference) removed += (await records.delete({ reference: owner.reference })).reduce((sum, result) => sum + result.removed, 0);
    await audit.record({ actor: principalOf(req).actor, action: 'personDelete', target: lead.id, details: { removed } });
    res.json(200, { removed });
  });
}
