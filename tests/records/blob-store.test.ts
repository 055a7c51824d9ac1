/**
 * The Blob record store against Azurite: keyed appends stored once, reads by date,
 * and deletes by user (and channel), reference and age decided from blob metadata.
 */
import { BlobRecordStore, type StoredRecord } from '../../src/core/records';
import { containerClient } from '../../src/core/storage/blob-container';
import { azuriteForSuite, connectionString } from '../integration/azurite';

jest.setTimeout(60_000);

const azurite = azuriteForSuite();

let containers = 0;
function store(now: () => Date = () => new Date()): BlobRecordStore {
  return new BlobRecordStore(containerClient({ connectionString: connectionString(azurite.port) }, `records-unit-${++containers}`), { now });
}

async function all(records: BlobRecordStore, kind: 'lead' | 'feedback'): Promise<StoredRecord[]> {
  const found: StoredRecord[] = [];
  for await (const record of records.read(kind)) found.push(record);
  return found;
}

test('a key is stored once: the second append returns the first record, not a new one', async () => {
  const records = store();
  const first = await records.appendOnce('lead', { reference: 'PN-AAAAAA', userId: 'u1' }, 'c1/contact/PN-AAAAAA');
  const second = await records.appendOnce('lead', { reference: 'PN-BBBBBB', userId: 'u1' }, 'c1/contact/PN-AAAAAA');
  expect(first.created).toBe(true);
  expect(second).toEqual({ record: first.record, created: false });
  expect((await all(records, 'lead')).map((r) => r.reference)).toEqual(['PN-AAAAAA']);
});

test('deletes by user and channel, by reference, and by age, leaving everything else', async () => {
  let now = new Date('2025-01-01T00:00:00Z');
  const records = store(() => now);
  await records.append('lead', { reference: 'PN-OLD111', userId: 'ân/1', channelId: 'webchat' });
  now = new Date('2026-11-01T00:00:00Z');
  await records.append('lead', { reference: 'PN-NEW222', userId: 'ân/1', channelId: 'msteams' });
  await records.append('lead', { reference: 'PN-NEW333', userId: 'u2', channelId: 'webchat' });
  await records.append('feedback', { userId: 'ân/1', channelId: 'webchat', vote: 'up' });

  const dry = await records.delete({ user: { userId: 'ân/1', channelId: 'webchat' } }, { dryRun: true });
  expect(dry.filter((r) => r.removed > 0).map((r) => [r.kind, r.removed])).toEqual([['lead', 1], ['feedback', 1]]);
  expect(await all(records, 'lead')).toHaveLength(3);

  await records.delete({ reference: 'PN-NEW333' });
  expect((await all(records, 'lead')).map((r) => r.reference)).toEqual(['PN-OLD111', 'PN-NEW222']);

  await records.delete({ olderThan: new Date('2026-01-01T00:00:00Z') });
  expect((await all(records, 'lead')).map((r) => r.reference)).toEqual(['PN-NEW222']);

  await records.delete({ user: { userId: 'ân/1' } });
  expect(await all(records, 'lead')).toEqual([]);
  expect(await all(records, 'feedback')).toEqual([]);
});

test('reads from a date, in time order', async () => {
  let now = new Date('2026-10-01T00:00:00Z');
  const records = store(() => now);
  await records.append('feedback', { vote: 'up' });
  now = new Date('2026-11-02T00:00:00Z');
  await records.append('feedback', { vote: 'down' });
  const since: StoredRecord[] = [];
  for await (const record of records.read('feedback', { since: '2026-11-01T00:00:00Z' })) since.push(record);
  expect(since.map((r) => r.vote)).toEqual(['down']);
});
