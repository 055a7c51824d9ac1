/** The audit log: appended as `audit` records, read newest first, and never holding an e-mail or a phone number. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonlRecordStore } from '../../src/core/records';
import { RecordAuditLog } from '../../src/core/staff/audit';

describe('RecordAuditLog', () => {
  it('appends events and lists them newest first, with personal data removed from details', async () => {
    let clock = Date.parse('2026-12-01T08:00:00Z');
    const records = new JsonlRecordStore(mkdtempSync(path.join(tmpdir(), 'pn-audit-')), { now: () => new Date((clock += 1000)) });
    const audit = new RecordAuditLog(records);
    await audit.record({ actor: 'tid:oid', action: 'signIn' });
    await audit.record({ actor: 'tid:oid', action: 'leadStatus', target: 'rec-1', details: { status: 'contacted', note: 'lan@example.org', phone: '0905 123 456', count: 3, day: '2026-12-03' } });
    const entries = await audit.recent();
    expect(entries.map((entry) => entry.action)).toEqual(['leadStatus', 'signIn']);
    expect(entries[0]).toMatchObject({ actor: 'tid:oid', target: 'rec-1', details: { status: 'contacted', note: '[removed]', phone: '[removed]', count: 3, day: '2026-12-03' } });
    // Nobody's data: a person's delete never matches the audit log.
    const removed = await records.delete({ user: { userId: 'anyone' } });
    expect(removed.find((result) => result.kind === 'audit')).toMatchObject({ removed: 0, kept: 2 });
    await records.close();
  });
});
