/**
 * records:purge: records older than the cutoff (or one person's) are gone, the others
 * intact and in order, every file still valid JSONL, nothing lost to a concurrent append.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, chmodSync, appendFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonlRecordStore, type RecordKind } from '../../src/core/records';
import { cutoffFromAge, purgeRecords } from '../../src/core/records/purge';
import { runCli } from '../helpers/cli';

const NOW = new Date('2026-06-01T00:00:00Z');
const CUTOFF = cutoffFromAge('365d', NOW) as Date;

/** A data folder with records of every kind: two old (2025-01), two recent (2026-05) each. */
async function dataDir(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pn-purge-'));
  let at = new Date('2025-01-10T08:00:00Z');
  let n = 0;
  const store = new JsonlRecordStore(dir, { now: () => at, newId: () => `r${++n}` });
  for (const when of ['2025-01-10T08:00:00Z', '2025-05-31T23:59:59Z', '2025-06-01T00:00:01Z', '2026-05-20T10:00:00Z']) {
    at = new Date(when);
    for (const kind of ['lead', 'handoff', 'feedback', 'unanswered', 'question'] as RecordKind[]) {
      await store.append(kind, { text: `${kind} at ${when}`, userId: when.startsWith('2026') ? 'u-recent' : 'u-old' });
    }
  }
  await store.close();
  return dir;
}

function linesOf(file: string): Record<string, unknown>[] {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('purgeRecords', () => {
  it('parses the age', () => {
    expect(CUTOFF.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(cutoffFromAge('30d', NOW)?.toISOString()).toBe('2026-05-02T00:00:00.000Z');
    expect(cutoffFromAge('1y', NOW)).toBeUndefined();
    expect(cutoffFromAge('365', NOW)).toBeUndefined();
  });

  it('removes the records older than the cutoff and keeps the newer ones intact, in order', async () => {
    const dir = await dataDir();
    const before = linesOf(path.join(dir, 'leads.jsonl'));
    const results = await purgeRecords({ dataDir: dir, olderThan: CUTOFF, settleMs: 0 });
    expect(results.map((r) => [r.kind, r.removed, r.kept, r.unreadable])).toEqual([
      ['lead', 2, 2, 0],
      ['handoff', 2, 2, 0],
      ['feedback', 2, 2, 0],
      ['unanswered', 2, 2, 0],
      ['question', 2, 2, 0],
    ]);
    for (const file of ['leads.jsonl', 'handoffs.jsonl', 'feedback.jsonl', 'unanswered.jsonl', 'questions.jsonl']) {
      const after = linesOf(path.join(dir, file));
      expect(after.map((record) => record.at)).toEqual(['2025-06-01T00:00:01.000Z', '2026-05-20T10:00:00.000Z']);
    }
    expect(linesOf(path.join(dir, 'leads.jsonl'))).toEqual(before.slice(2));
    expect(readdirSync(dir).sort()).toEqual(['feedback.jsonl', 'handoffs.jsonl', 'leads.jsonl', 'questions.jsonl', 'unanswered.jsonl']);
    // The store reads the rewritten files and appends to them as before.
    const store = new JsonlRecordStore(dir, { onSkippedLine: () => { throw new Error('skipped a line'); } });
    await store.append('lead', { text: 'after the purge' });
    const leads = [];
    for await (const record of store.read('lead')) leads.push(record.text);
    await store.close();
    expect(leads).toEqual(['lead at 2025-06-01T00:00:01Z', 'lead at 2026-05-20T10:00:00Z', 'after the purge']);
  });

  it('changes nothing with dryRun but says what it would remove', async () => {
    const dir = await dataDir();
    const file = path.join(dir, 'feedback.jsonl');
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const results = await purgeRecords({ dataDir: dir, olderThan: CUTOFF, dryRun: true });
    expect(results.reduce((sum, r) => sum + r.removed, 0)).toBe(10);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it("removes one person's records across every kind", async () => {
    const dir = await dataDir();
    const results = await purgeRecords({ dataDir: dir, match: (record) => record.userId === 'u-recent', settleMs: 0 });
    expect(results.map((r) => r.removed)).toEqual([1, 1, 1, 1, 1]);
    expect(linesOf(path.join(dir, 'handoffs.jsonl')).every((record) => record.userId === 'u-old')).toBe(true);
  });

  it('two people deleting their data at the same moment both get it deleted, and nobody else loses a record', async () => {
    const dir = await dataDir();
    const [recent, old] = await Promise.all([
      purgeRecords({ dataDir: dir, match: (record) => record.userId === 'u-recent' }),
      purgeRecords({ dataDir: dir, match: (record) => record.userId === 'u-old' }),
    ]);
    expect(recent.reduce((sum, r) => sum + r.removed, 0)).toBe(5);
    expect(old.reduce((sum, r) => sum + r.removed, 0)).toBe(15);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl'))) expect(readFileSync(path.join(dir, file), 'utf8')).toBe('');
  });

  it('keeps unreadable lines as they are, keeps the file mode, and leaves no temporary file', async () => {
    const dir = await dataDir();
    const file = path.join(dir, 'unanswered.jsonl');
    chmodSync(file, 0o600);
    appendFileSync(file, 'not json\n{"id":"x","kind":"unanswered","text":"no time"}\n{"id":"half');
    const [result] = await purgeRecords({ dataDir: dir, olderThan: CUTOFF, kinds: ['unanswered'], settleMs: 0 });
    expect(result).toMatchObject({ removed: 2, kept: 2, unreadable: 3 });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(2)).toEqual(['not json', '{"id":"x","kind":"unanswered","text":"no time"}', '{"id":"half', '']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('keeps a record appended while the file is purged, before or just after the rename', async () => {
    const dir = await dataDir();
    const file = path.join(dir, 'leads.jsonl');
    const line = (text: string) => `${JSON.stringify({ id: text, kind: 'lead', at: '2026-05-31T00:00:00.000Z', text })}\n`;
    let botHandle: Awaited<ReturnType<typeof open>> | undefined;
    await purgeRecords({
      dataDir: dir,
      olderThan: CUTOFF,
      kinds: ['lead'],
      settleMs: 20,
      hooks: {
        beforeRename: async () => {
          appendFileSync(file, line('during the purge'));
          // The bot opens the file for its next append just before the rename...
          botHandle = await open(file, 'a');
        },
        // ...and writes after it: the bytes land in the old file.
        afterRename: async () => {
          await botHandle?.write(line('right after the rename'));
          await botHandle?.close();
        },
      },
    });
    expect(linesOf(file).map((record) => record.text)).toEqual(['lead at 2025-06-01T00:00:01Z', 'lead at 2026-05-20T10:00:00Z', 'during the purge', 'right after the rename']);
  });

  it('refuses to run without a rule and skips missing files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pn-purge-empty-'));
    await expect(purgeRecords({ dataDir: dir })).rejects.toThrow('needs olderThan or match');
    expect(await purgeRecords({ dataDir: path.join(dir, 'missing'), olderThan: CUTOFF })).toEqual([]);
    writeFileSync(path.join(dir, 'leads.jsonl'), '');
    expect(await purgeRecords({ dataDir: dir, olderThan: CUTOFF })).toEqual([{ kind: 'lead', file: path.join(dir, 'leads.jsonl'), kept: 0, removed: 0, unreadable: 0 }]);
  });
});

describe('npm run records:purge', () => {
  // In-process (tests/helpers/cli.ts), except the first run: through npx tsx, as staff start it.
  const run = (args: string[], env: Record<string, string> = {}, spawn = false) => runCli('records-purge', args, env, { spawn });


  it('prints what it removed per kind', async () => {
    const dir = await dataDir();
    const dry = await run(['--older-than', '100000d', '--data', dir, '--dry-run'], {}, true);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Leads: removed 0, kept 4 (${dir}/leads.jsonl)`);
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    const real = await run(['--user', 'u-old', '--data', dir]);
    expect(real.code).toBe(0);
    expect(real.stdout.split('\n')).toEqual([
      'Removing the records of userId=u-old.',
      `Leads: removed 3, kept 1 (${dir}/leads.jsonl)`,
      `Hand-overs: removed 3, kept 1 (${dir}/handoffs.jsonl)`,
      `Feedback: removed 3, kept 1 (${dir}/feedback.jsonl)`,
      `Unanswered questions: removed 3, kept 1 (${dir}/unanswered.jsonl)`,
      `Question log: removed 3, kept 1 (${dir}/questions.jsonl)`,
      'Done: 15 record(s) removed in all.',
      '',
    ]);
  });

  it('refuses a bad age or no rule, with the usage', async () => {
    const bad = await run(['--older-than', '1y']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--older-than must be a number of days like 365d');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Say what to remove');
  });

  it('--expired removes what is older than RECORDS_RETENTION_DAYS, the number users are told', async () => {
    const dir = await dataDir();
    // Ten years: every record (2025-2026) is recent.
    const decade = await run(['--expired', '--data', dir, '--dry-run'], { RECORDS_RETENTION_DAYS: '3650' });
    expect(decade.code).toBe(0);
    expect(decade.stdout).toContain(`Leads: removed 0, kept 4 (${dir}/leads.jsonl)`);
    // Thirty days: the newest records (May 2026) are older than that today.
    const month = await run(['--expired', '--data', dir], { RECORDS_RETENTION_DAYS: '30' });
    expect(month.code).toBe(0);
    expect(month.stdout).toContain('Removing records older than 30 day(s)');
    expect(month.stdout).toContain(`Leads: removed 4, kept 0 (${dir}/leads.jsonl)`);
    const both = await run(['--expired', '--older-than', '30d', '--data', dir]);
    expect(both.code).toBe(2);
  });
});
