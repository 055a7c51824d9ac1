/** The JSONL record store: durable, never interleaved, readable after a crash. */
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonlRecordStore, type SkippedLine, type StoredRecord } from '../../src/core/records';
import { all, dataDir } from './helpers';

// Every store a test opens is closed after it, so no file handle is left to the garbage collector.
const opened: JsonlRecordStore[] = [];
const openStore = (...args: ConstructorParameters<typeof JsonlRecordStore>): JsonlRecordStore => {
  const store = new JsonlRecordStore(...args);
  opened.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});


test('append writes {id, kind, at, ...record} as one line in the kind\'s file, creating the folder', async () => {
  const dir = await dataDir();
  const store = openStore(dir, { now: () => new Date('2026-05-01T08:00:00.000Z'), newId: () => 'id-1' });
  const stored = await store.append('lead', { name: 'An', contact: '0912345678' });
  expect(stored).toEqual({ id: 'id-1', kind: 'lead', at: '2026-05-01T08:00:00.000Z', name: 'An', contact: '0912345678' });
  const text = await readFile(path.join(dir, 'leads.jsonl'), 'utf8');
  expect(text).toBe('{"id":"id-1","kind":"lead","at":"2026-05-01T08:00:00.000Z","name":"An","contact":"0912345678"}\n');
  await store.close();
});

test('each kind has its own file', async () => {
  const dir = await dataDir();
  const store = openStore(dir);
  await store.append('handoff', { a: 1 });
  await store.append('feedback', { a: 2 });
  await store.append('unanswered', { a: 3 });
  for (const [file, a] of [['handoffs.jsonl', 1], ['feedback.jsonl', 2], ['unanswered.jsonl', 3]] as const) {
    expect(JSON.parse(await readFile(path.join(dir, file), 'utf8'))).toMatchObject({ a });
  }
});

test('200 appends in parallel are all stored, each on its own parseable line', async () => {
  const dir = await dataDir();
  const store = openStore(dir);
  // Long values make interleaving visible if writes were not serialised.
  const padding = 'x'.repeat(5000);
  await Promise.all(Array.from({ length: 200 }, (_, i) => store.append('lead', { n: i, padding })));
  const lines = (await readFile(path.join(dir, 'leads.jsonl'), 'utf8')).split('\n');
  expect(lines.pop()).toBe('');
  expect(lines).toHaveLength(200);
  // Serialised per file, so the file keeps the order in which append was called.
  const ns = lines.map((l) => (JSON.parse(l) as { n: number; padding: string }).n);
  expect(ns).toEqual(Array.from({ length: 200 }, (_, i) => i));
  expect(new Set(lines.map((l) => (JSON.parse(l) as StoredRecord).id)).size).toBe(200);
  await store.close();
});

test('records survive a new store instance', async () => {
  const dir = await dataDir();
  const first = openStore(dir);
  await first.append('lead', { name: 'An' });
  await first.close();
  const second = openStore(dir);
  await second.append('lead', { name: 'Bình' });
  expect((await all(second.read('lead'))).map((r) => r.name)).toEqual(['An', 'Bình']);
});

test('a truncated last line is skipped and reported, and the next append starts a fresh line', async () => {
  const dir = await dataDir();
  const store = openStore(dir);
  await store.append('lead', { name: 'An' });
  await store.close();
  // A crash in the middle of a write leaves half a line without its newline.
  await appendFile(path.join(dir, 'leads.jsonl'), '{"id":"x","kind":"lead","at":"2026-');
  const skipped: SkippedLine[] = [];
  const reopened = openStore(dir, { onSkippedLine: (s) => skipped.push(s) });
  expect((await all(reopened.read('lead'))).map((r) => r.name)).toEqual(['An']);
  expect(skipped).toEqual([{ file: path.join(dir, 'leads.jsonl'), line: 2, reason: 'truncated' }]);

  await reopened.append('lead', { name: 'Chi' });
  skipped.length = 0;
  expect((await all(reopened.read('lead'))).map((r) => r.name)).toEqual(['An', 'Chi']);
  // The half line is now a complete (invalid) line of its own; Chi's record is intact.
  expect(skipped).toEqual([{ file: path.join(dir, 'leads.jsonl'), line: 2, reason: 'invalid' }]);
});

test('read filters by time with since, and a missing file reads as empty', async () => {
  const dir = await dataDir();
  const times = ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'];
  let i = 0;
  const store = openStore(dir, { now: () => new Date(times[i++] as string) });
  for (const n of [1, 2, 3]) await store.append('feedback', { n });
  expect((await all(store.read('feedback', { since: '2026-02-01T00:00:00.000Z' }))).map((r) => r.n)).toEqual([2, 3]);
  expect((await all(store.read('feedback', { since: new Date('2026-02-15') }))).map((r) => r.n)).toEqual([3]);
  expect(await all(store.read('unanswered'))).toEqual([]);
});

test('a read waits for appends already queued', async () => {
  const store = openStore(await dataDir());
  const pending = Array.from({ length: 20 }, (_, n) => store.append('lead', { n }));
  const read = await all(store.read('lead'));
  expect(read).toHaveLength(20);
  await Promise.all(pending);
});

test('the store sets id, kind and at itself, and refuses appends after close', async () => {
  const store = openStore(await dataDir());
  await expect(store.append('lead', { id: 'mine' })).rejects.toThrow(/cannot set id/);
  await store.close();
  await expect(store.append('lead', { name: 'An' })).rejects.toThrow(/closed/);
});

test('a line in the middle that is not a record is skipped and reported as invalid', async () => {
  const dir = await dataDir();
  const store = openStore(dir);
  await store.append('lead', { n: 1 });
  await appendFile(path.join(dir, 'leads.jsonl'), '[1,2]\nnot json\n');
  await store.append('lead', { n: 2 });
  const skipped: SkippedLine[] = [];
  const reader = openStore(dir, { onSkippedLine: (s) => skipped.push(s) });
  expect((await all(reader.read('lead'))).map((r) => r.n)).toEqual([1, 2]);
  expect(skipped.map((s) => [s.line, s.reason])).toEqual([
    [2, 'invalid'],
    [3, 'invalid'],
  ]);
});

test('multi-byte text survives the line reader across chunk boundaries', async () => {
  const dir = await dataDir();
  const store = openStore(dir);
  const name = 'Nguyễn Thị Ánh Tuyết '.repeat(5000);
  await store.append('lead', { name });
  await store.append('lead', { name: 'đ' });
  expect((await all(store.read('lead'))).map((r) => r.name)).toEqual([name, 'đ']);
});

describe('checkWritable (readiness)', () => {
  it('passes for a folder it can create and fails when the data folder is a file', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'pn-writable-'));
    await expect(openStore(path.join(base, 'new', 'data')).checkWritable()).resolves.toBeUndefined();
    const file = path.join(base, 'not-a-folder');
    await appendFile(file, 'x');
    await expect(openStore(file).checkWritable()).rejects.toThrow();
  });
});
