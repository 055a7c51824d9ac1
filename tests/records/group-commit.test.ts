/**
 * Issue 11: group-committed record writes (one open file, one write + one datasync per
 * batch), best-effort appends off the caller's path, private file modes, and deletes
 * through the store interface.
 */
import { appendFile, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonlRecordStore, type StoredRecord } from '../../src/core/records';
import { purgeRecords } from '../../src/core/records/purge';
import { readOnlyFolder } from '../helpers/read-only-folder';
import { all, dataDir } from './helpers';


const mode = async (file: string) => (await stat(file)).mode & 0o777;

test('appends that arrive together share one write and one datasync (failed before: one each)', async () => {
  const store = new JsonlRecordStore(await dataDir());
  await Promise.all(Array.from({ length: 100 }, (_, n) => store.append('unanswered', { n })));
  const { batches, lines } = store.commitStats('unanswered');
  expect(lines).toBe(100);
  // All 100 were queued before the first batch started: one batch carries them.
  expect(batches).toBe(1);
  expect((await all(store.read('unanswered'))).map((r) => r.n)).toEqual(Array.from({ length: 100 }, (_, n) => n));
  await store.close();
});

test('appends arriving while a batch is written go together in the next one, and each caller resolves with its own record', async () => {
  const store = new JsonlRecordStore(await dataDir());
  const first = store.append('lead', { n: 0 });
  // Queued in later turns of the event loop, while the first batch is on its way to disk.
  const later = await new Promise<Array<Promise<StoredRecord>>>((resolve) =>
    setImmediate(() => resolve(Array.from({ length: 10 }, (_, i) => store.append('lead', { n: i + 1 })))),
  );
  const stored = await Promise.all([first, ...later]);
  expect(stored.map((r) => r.n)).toEqual(Array.from({ length: 11 }, (_, n) => n));
  expect(store.commitStats('lead').batches).toBeLessThanOrEqual(3);
  await store.close();
});

test('record files are 0600 and the folder 0700, also when they existed before as 0644/0755 (failed before: 0644)', async () => {
  const dir = await dataDir();
  const store = new JsonlRecordStore(dir);
  await store.append('lead', { name: 'An' });
  expect(await mode(dir)).toBe(0o700);
  expect(await mode(path.join(dir, 'leads.jsonl'))).toBe(0o600);

  const older = await dataDir();
  await mkdir(older, { mode: 0o755 });
  await writeFile(path.join(older, 'feedback.jsonl'), '', { mode: 0o644 });
  const second = new JsonlRecordStore(older);
  await second.append('feedback', { vote: 'up' });
  expect(await mode(older)).toBe(0o700);
  expect(await mode(path.join(older, 'feedback.jsonl'))).toBe(0o600);
  await Promise.all([store.close(), second.close()]);
});

test('appendBestEffort returns at once, flush makes it durable, and a failure goes to the callback, never to the caller', async () => {
  const dir = await dataDir();
  const store = new JsonlRecordStore(dir);
  store.appendBestEffort('question', { text: 'a' });
  expect(store.commitStats('question').lines).toBe(0);
  await store.flush();
  expect((await all(store.read('question'))).map((r) => r.text)).toEqual(['a']);

  const base = await mkdtemp(path.join(tmpdir(), 'records-blocked-'));
  await writeFile(path.join(base, 'file'), 'x');
  const broken = new JsonlRecordStore(path.join(base, 'file', 'data'));
  const errors: unknown[] = [];
  expect(() => broken.appendBestEffort('question', { text: 'b' }, (error) => errors.push(error))).not.toThrow();
  await broken.flush();
  expect(errors).toHaveLength(1);
  await store.close();
  // After close, a best-effort append is refused through the callback too.
  store.appendBestEffort('question', { text: 'c' }, (error) => errors.push(error));
  expect(errors).toHaveLength(2);
});

test('best-effort records beyond the bound are dropped and reported instead of piling up in memory', async () => {
  const store = new JsonlRecordStore(await dataDir(), { maxBestEffortPending: 5 });
  const errors: unknown[] = [];
  for (let n = 0; n < 8; n++) store.appendBestEffort('question', { n }, (error) => errors.push(error));
  expect(errors).toHaveLength(3);
  await store.flush();
  expect(await all(store.read('question'))).toHaveLength(5);
  await store.close();
});

test('delete by user, by reference and by age, across kinds; every criterion must hold', async () => {
  const dir = await dataDir();
  let clock = new Date('2025-01-01T00:00:00Z');
  const store = new JsonlRecordStore(dir, { now: () => clock });
  await store.append('lead', { userId: 'u1', channelId: 'webchat', reference: 'PN-AAAA' });
  await store.append('feedback', { userId: 'u1', channelId: 'msteams' });
  clock = new Date('2026-06-01T00:00:00Z');
  await store.append('lead', { userId: 'u2', channelId: 'webchat', reference: 'PN-BBBB' });
  await store.append('handoff', { userId: 'u1', channelId: 'webchat', reference: 'PN-CCCC' });

  await expect(store.delete({})).rejects.toThrow(/refusing/);
  const dry = await store.delete({ user: { userId: 'u1' } }, { dryRun: true });
  expect(dry.reduce((sum, r) => sum + r.removed, 0)).toBe(3);
  expect(await all(store.read('lead'))).toHaveLength(2);

  // The user's records older than 2026 only, on one channel.
  await store.delete({ user: { userId: 'u1', channelId: 'webchat' }, olderThan: new Date('2026-01-01') });
  expect((await all(store.read('lead'))).map((r) => r.reference)).toEqual(['PN-BBBB']);
  expect(await all(store.read('feedback'))).toHaveLength(1);
  expect(await all(store.read('handoff'))).toHaveLength(1);

  await store.delete({ reference: 'PN-CCCC' });
  expect(await all(store.read('handoff'))).toEqual([]);
  await store.delete({ olderThan: new Date('2026-01-01') });
  expect(await all(store.read('feedback'))).toEqual([]);
  expect((await all(store.read('lead'))).map((r) => r.reference)).toEqual(['PN-BBBB']);
  await store.close();
});

test('appends made while a delete rewrites the file are all kept, in the new file', async () => {
  const dir = await dataDir();
  const store = new JsonlRecordStore(dir);
  await Promise.all(Array.from({ length: 50 }, (_, n) => store.append('unanswered', { userId: n % 2 ? 'gone' : 'kept', n })));
  const deleting = store.delete({ user: { userId: 'gone' } });
  const during = Array.from({ length: 30 }, (_, n) => store.append('unanswered', { userId: 'kept', n: 100 + n }));
  await Promise.all([deleting, ...during]);
  const left = await all(store.read('unanswered'));
  expect(left.filter((r) => r.userId === 'gone')).toEqual([]);
  expect(left).toHaveLength(25 + 30);
  await store.close();
});

test('after another process purges the file (a rename over it), the next batch goes to the new file, not the old one', async () => {
  const dir = await dataDir();
  const store = new JsonlRecordStore(dir);
  await store.append('lead', { userId: 'a' });
  await store.append('lead', { userId: 'b' });
  // records:purge from the command line, while the bot keeps its file open.
  await purgeRecords({ dataDir: dir, match: (r) => r.userId === 'a', settleMs: 10 });
  await store.append('lead', { userId: 'c' });
  const text = await readFile(path.join(dir, 'leads.jsonl'), 'utf8');
  expect(text.trim().split('\n').map((l) => (JSON.parse(l) as StoredRecord).userId)).toEqual(['b', 'c']);
  await store.close();
});

test('a half line left by a crash is closed off before the first batch, with the file kept open after', async () => {
  const dir = await dataDir();
  await mkdir(dir, { recursive: true });
  await appendFile(path.join(dir, 'leads.jsonl'), '{"id":"x","kind":"lead","at":"2026-');
  const store = new JsonlRecordStore(dir, { onSkippedLine: () => undefined });
  await store.append('lead', { n: 1 });
  await store.append('lead', { n: 2 });
  expect((await all(store.read('lead'))).map((r) => r.n)).toEqual([1, 2]);
  await store.close();
});

test('a disk that turns read-only fails the appends of that moment, and writing resumes when it is back', async () => {
  const folder = await readOnlyFolder();
  try {
    const store = new JsonlRecordStore(path.join(folder.dir, 'data'));
    await store.append('lead', { n: 1 });
    await folder.makeReadOnly();
    await expect(store.append('lead', { n: 2 })).rejects.toThrow();
    await expect(store.checkWritable()).rejects.toThrow();
    await folder.makeWritable();
    await store.append('lead', { n: 3 });
    expect((await all(store.read('lead'))).map((r) => r.n)).toEqual([1, 3]);
    await store.close();
  } finally {
    await folder.cleanup();
  }
});
