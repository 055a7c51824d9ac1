/**
 * Meta's data deletion requests with STORAGE=blob (Azurite): two instances (two record
 * stores on one container) receiving the same signed request at once agree on one
 * confirmation code and delete once; a replay on either instance gets that code and
 * deletes nothing more; either instance shows the status.
 */
import { BlobRecordStore, type StoredRecord } from '../../src/core/records';
import { containerClient } from '../../src/core/storage/blob-container';
import { EngineStateRepo } from '../../src/core/engine';
import { MemoryStateStore } from '../../src/core/state/memory';
import { findDeletionStatus, handleDeletionRequest, signRequest, verifySignedRequest, type DeletionPorts } from '../../src/core/facebook';
import { azuriteForSuite, connectionString } from '../integration/azurite';

jest.setTimeout(60_000);

const SECRET = 'blob-test-app-secret';

const azurite = azuriteForSuite();

function verified(userId: string, issuedAt: number) {
  const result = verifySignedRequest(signRequest({ algorithm: 'HMAC-SHA256', user_id: userId, issued_at: issuedAt }, SECRET), SECRET);
  if (!result.ok) throw new Error(`test request refused: ${result.problem}`);
  return result.request;
}

async function all(records: BlobRecordStore, kind: 'lead' | 'dataDeletion'): Promise<StoredRecord[]> {
  const found: StoredRecord[] = [];
  for await (const record of records.read(kind)) found.push(record);
  return found;
}

test('two instances racing one request agree on the code; a replay on either deletes nothing more', async () => {
  const client = () => containerClient({ connectionString: connectionString(azurite.port) }, 'records-facebook-deletion');
  const [one, two] = [new BlobRecordStore(client()), new BlobRecordStore(client())];
  const state = new EngineStateRepo(new MemoryStateStore());
  const ports = (records: BlobRecordStore): DeletionPorts => ({ records, deleteUserState: (channelId, userId) => state.deleteUser(channelId, userId) });
  await one.append('lead', { reference: 'PN-FB0001', userId: '777', channelId: 'facebook' });
  await one.append('lead', { reference: 'PN-WC0001', userId: '777', channelId: 'webchat' });

  const request = verified('777', 1_764_000_000);
  const [a, b] = await Promise.all([handleDeletionRequest(ports(one), request), handleDeletionRequest(ports(two), request)]);
  expect(a.code).toBe(b.code);
  expect(a.code).toMatch(/^[0-9a-f]{32}$/);
  expect([a.replay, b.replay].sort()).toEqual([false, true]);
  // Only the facebook record of that id went; the same id on another channel is someone else.
  expect((await all(two, 'lead')).map((record) => record.reference)).toEqual(['PN-WC0001']);
  const received = (await all(two, 'dataDeletion')).filter((record) => record.event === 'received');
  expect(received).toHaveLength(1);
  expect(JSON.stringify(await all(two, 'dataDeletion'))).not.toContain('777');

  // Left again after the request, then the request replayed on the other instance: kept.
  await two.append('lead', { reference: 'PN-FB0002', userId: '777', channelId: 'facebook' });
  const replay = await handleDeletionRequest(ports(two), request);
  expect(replay).toEqual({ code: a.code, replay: true });
  expect((await all(one, 'lead')).map((record) => record.reference).sort()).toEqual(['PN-FB0002', 'PN-WC0001']);

  const status = await findDeletionStatus(one, a.code);
  expect(status?.done).toEqual({ recordsDeleted: 1, conversationsDeleted: 0 });
  expect(status?.unmatched).toBe('pageScopedIds');
  expect(await findDeletionStatus(two, '0'.repeat(32))).toBeUndefined();
});
