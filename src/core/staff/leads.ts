/**
 * Leads and hand-overs as staff follow them up: each with its status (new, contacted,
 * closed) and who set it. A status change is a `leadStatus` record appended to the
 * record store, never an edit of the lead: it carries the person's user and channel ids
 * and reference, so "delete my data" (and a staff delete) removes it with the lead.
 */
import type { RecordStore, StoredRecord } from '../records';

export const LEAD_STATUSES = ['new', 'contacted', 'closed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value);
}

export interface Lead {
  id: string;
  kind: 'lead' | 'handoff';
  at: string;
  reference: string;
  flow: string;
  lang: string;
  /** What the person typed in the flow (name, contact, interest...): shown as text, never markup. */
  answers: Record<string, string>;
  /** Hand-overs: the questions asked just before (masked by the bot). */
  recentQuestions: string[];
  status: LeadStatus;
  /** Who set the status (`tid:oid` or `token`) and the name shown for them; absent while new. */
  statusBy?: string;
  statusByName?: string;
  statusAt?: string;
}

/** The person behind a lead, for deleting their data. */
export interface LeadOwner {
  userId?: string;
  channelId?: string;
  conversationId?: string;
  reference: string;
}

type Reader = Pick<RecordStore, 'read'>;

async function readAll(records: Reader, kind: 'lead' | 'handoff' | 'leadStatus'): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for await (const record of records.read(kind)) out.push(record);
  return out;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

function toLead(record: StoredRecord): Lead {
  const answers = record.answers && typeof record.answers === 'object' ? (record.answers as Record<string, unknown>) : {};
  return {
    id: record.id,
    kind: record.kind === 'handoff' ? 'handoff' : 'lead',
    at: record.at,
    reference: text(record.reference),
    flow: text(record.flow),
    lang: text(record.lang),
    answers: Object.fromEntries(Object.entries(answers).map(([step, value]) => [step, text(value)])),
    recentQuestions: Array.isArray(record.recentQuestions) ? record.recentQuestions.map(text) : [],
    status: 'new',
  };
}

/** Every lead and hand-over with its latest status, newest first. */
export async function listLeads(records: Reader): Promise<Lead[]> {
  const [leads, handoffs, statuses] = await Promise.all([readAll(records, 'lead'), readAll(records, 'handoff'), readAll(records, 'leadStatus')]);
  const byId = new Map([...leads, ...handoffs].map((record) => [record.id, toLead(record)]));
  // The store's order is the order of appending; the time decides between instances.
  statuses.sort((a, b) => a.at.localeCompare(b.at));
  for (const change of statuses) {
    const lead = byId.get(text(change.recordId));
    if (!lead || !isLeadStatus(change.status)) continue;
    lead.status = change.status;
    lead.statusBy = text(change.actor);
    lead.statusByName = text(change.actorName);
    lead.statusAt = change.at;
  }
  return [...byId.values()].sort((a, b) => b.at.localeCompare(a.at));
}

/** The stored lead or hand-over of an id (looked up among the records, never used as a name). */
export async function findLeadRecord(records: Reader, id: string): Promise<StoredRecord | undefined> {
  for (const kind of ['lead', 'handoff'] as const) {
    for await (const record of records.read(kind)) if (record.id === id) return record;
  }
  return undefined;
}

export function ownerOf(record: StoredRecord): LeadOwner {
  const optional = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    userId: optional(record.userId),
    channelId: optional(record.channelId),
    conversationId: optional(record.conversationId),
    reference: text(record.reference),
  };
}

/** Appends a status change for a lead; carries the person's ids so their delete removes it too. */
export async function appendLeadStatus(
  records: Pick<RecordStore, 'append'>,
  lead: StoredRecord,
  status: LeadStatus,
  by: { actor: string; displayName: string },
): Promise<StoredRecord> {
  const owner = ownerOf(lead);
  return records.append('leadStatus', {
    recordId: lead.id,
    status,
    actor: by.actor,
    actorName: by.displayName,
    reference: owner.reference,
    ...(owner.userId ? { userId: owner.userId } : {}),
    ...(owner.channelId ? { channelId: owner.channelId } : {}),
  });
}
