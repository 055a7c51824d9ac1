/**
 * The staff console's audit log: who signed in (or failed to), edited, undid, changed a
 * status, exported or deleted, and when. Append-only: it is stored as `audit` records in
 * the record store (a file locally, one blob per event in Azure), and no staff route
 * edits or deletes it.
 *
 * What goes in: the actor (`tid:oid`, or `token`), an action, record or entry ids, and
 * small facts (counts, statuses). Never a student's name, phone or e-mail: callers pass
 * ids, and `record` refuses detail values that look like an e-mail or a phone number.
 */
import type { RecordStore, StoredRecord } from '../records';

export interface AuditEvent {
  /** `tid:oid` (Entra), `token`, or for a failed sign-in what is known (`anonymous`, `tid:oid`). */
  actor: string;
  /** What happened, a stable key: `signIn`, `signInFailed`, `signOut`, `publish`, `undo`, `leadStatus`, `leadsExport`, `personDelete`... */
  action: string;
  /** The record, entry or version id acted on. */
  target?: string;
  details?: Record<string, string | number | boolean>;
}

export interface AuditSink {
  record(event: AuditEvent): Promise<void>;
}

/** An audit event as stored. */
export interface AuditEntry extends AuditEvent {
  id: string;
  at: string;
}

// Personal data must not reach the log even by mistake: an e-mail, or a Vietnamese phone number (0 or +84, then 9 digits).
const PERSONAL = /[^\s@]+@[^\s@]+\.[^\s@]+|(?:^|[^\d])(?:\+?84|0)[\s.]?[35789](?:[\s.]?\d){8}(?!\d)/;

export class RecordAuditLog implements AuditSink {
  constructor(private readonly records: Pick<RecordStore, 'append' | 'read'>) {}

  async record(event: AuditEvent): Promise<void> {
    const details = Object.fromEntries(
      Object.entries(event.details ?? {}).map(([key, value]) => [key, typeof value === 'string' && PERSONAL.test(value) ? '[removed]' : value]),
    );
    await this.records.append('audit', {
      actor: event.actor,
      action: event.action,
      ...(event.target === undefined ? {} : { target: event.target }),
      ...(Object.keys(details).length > 0 ? { details } : {}),
    });
  }

  /** The newest `limit` events, newest first. */
  async recent(limit = 200, since?: Date): Promise<AuditEntry[]> {
    const all: AuditEntry[] = [];
    for await (const stored of this.records.read('audit', since ? { since } : undefined)) all.push(toEntry(stored));
    return all.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }
}

function toEntry(stored: StoredRecord): AuditEntry {
  return {
    id: stored.id,
    at: stored.at,
    actor: String(stored.actor),
    action: String(stored.action),
    ...(typeof stored.target === 'string' ? { target: stored.target } : {}),
    ...(stored.details && typeof stored.details === 'object' ? { details: stored.details as AuditEntry['details'] } : {}),
  };
}
