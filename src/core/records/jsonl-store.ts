/**
 * The local record store: one JSONL file per kind under a data folder
 * (data/leads.jsonl, ...), one record per line. Writes are group-committed
 * (group-commit.ts): `append` resolves once its line is datasynced. The folder is
 * 0700 and the files 0600: they hold personal data.
 */
import { constants } from 'node:fs';
import { access, chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { RECORD_FILES } from './files';
import { GroupCommitFile } from './group-commit';
import { readLines } from './lines';
import { purgeRecords } from './purge';
import { parseRecord, prepareRecord, withDefaults, type RecordStoreOptions } from './record-shape';
import type { DeleteOptions, OnceResult, DeleteResult, ReadOptions, RecordData, RecordFilter, RecordKind, RecordStore, StoredRecord } from './types';
import { matchesFilter } from './types';

export { RECORD_FILES } from './files';

export const RECORD_FOLDER_MODE = 0o700;

export type JsonlRecordStoreOptions = RecordStoreOptions;

export class JsonlRecordStore implements RecordStore {
  private readonly files = new Map<RecordKind, GroupCommitFile>();
  private closed = false;
  private readonly options: Required<RecordStoreOptions>;
  private folderChecked = false;
  /** Closed (a pending promise) while a delete rewrites the files; batches wait at it. */
  private gate: Promise<void> = Promise.resolve();
  private deletes: Promise<unknown> = Promise.resolve();
  private bestEffortPending = 0;
  /** Keyed records per kind, read from the file on the first keyed append (appends with a key are rare: leads, hand-overs, feedback). */
  private readonly keyed = new Map<RecordKind, Promise<Map<string, Promise<OnceResult>>>>();

  constructor(
    readonly dataDir: string,
    options: JsonlRecordStoreOptions = {},
  ) {
    this.options = withDefaults(options);
  }

  /** How many batches (one write + one datasync each) carried how many lines to a kind's file so far. */
  commitStats(kind: RecordKind): { batches: number; lines: number } {
    return { ...(this.files.get(kind)?.stats ?? { batches: 0, lines: 0 }) };
  }

  fileOf(kind: RecordKind): string {
    return path.join(this.dataDir, RECORD_FILES[kind]);
  }

  async checkWritable(): Promise<void> {
    await this.prepareFolder();
    await access(this.dataDir, constants.W_OK);
  }

  location(kind: RecordKind): string {
    return this.fileOf(kind);
  }

  async append(kind: RecordKind, record: RecordData): Promise<StoredRecord> {
    return this.write(kind, record);
  }

  async appendOnce(kind: RecordKind, record: RecordData, key: string): Promise<OnceResult> {
    const index = await this.keyIndex(kind);
    const existing = index.get(key);
    if (existing) {
      // A failed earlier attempt does not count: this one may store it.
      const found = await existing.catch(() => undefined);
      if (found) return { record: found.record, created: false };
    }
    const written = this.write(kind, { ...record, key }).then((stored) => ({ record: stored, created: true }));
    index.set(key, written);
    written.catch(() => {
      if (index.get(key) === written) index.delete(key);
    });
    return written;
  }

  private async write(kind: RecordKind, record: RecordData): Promise<StoredRecord> {
    const { stored, line } = this.prepare(kind, record);
    await this.writer(kind).write(line);
    return stored;
  }

  private keyIndex(kind: RecordKind): Promise<Map<string, Promise<OnceResult>>> {
    let index = this.keyed.get(kind);
    if (!index) {
      index = (async () => {
        const found = new Map<string, Promise<OnceResult>>();
        for await (const record of this.read(kind)) {
          if (typeof record.key === 'string') found.set(record.key, Promise.resolve({ record, created: false }));
        }
        return found;
      })();
      this.keyed.set(kind, index);
      index.catch(() => this.keyed.delete(kind));
    }
    return index;
  }

  appendBestEffort(kind: RecordKind, record: RecordData, onError?: (error: unknown) => void): void {
    const report = onError ?? ((error: unknown) => this.options.onBestEffortError(error, kind));
    let line: string;
    try {
      line = this.prepare(kind, record).line;
    } catch (error) {
      report(error);
      return;
    }
    if (this.bestEffortPending >= this.options.maxBestEffortPending) {
      report(new Error(`${this.bestEffortPending} best-effort records are already waiting for the disk: dropped one`));
      return;
    }
    this.bestEffortPending += 1;
    this.writer(kind)
      .write(line)
      .catch(report)
      .finally(() => (this.bestEffortPending -= 1));
  }

  async *read(kind: RecordKind, options: ReadOptions = {}): AsyncGenerator<StoredRecord> {
    const file = this.fileOf(kind);
    await this.files.get(kind)?.idle();
    const since = options.since === undefined ? undefined : new Date(options.since).getTime();
    for await (const line of readLines(file)) {
      if (line.text.trim() === '') continue;
      const record = parseRecord(line.text);
      if (!record) {
        this.options.onSkippedLine({ file, line: line.number, reason: line.terminated ? 'invalid' : 'truncated' });
        continue;
      }
      if (since === undefined || Date.parse(record.at) >= since) yield record;
    }
  }

  /**
   * Rewrites the files without the matching records (purge.ts). Batches wait meanwhile and
   * are written to the new files afterwards; deletes run one after another.
   */
  delete(filter: RecordFilter, options: DeleteOptions = {}): Promise<DeleteResult[]> {
    if (!filter.user && filter.reference === undefined && !filter.olderThan) {
      return Promise.reject(new Error('delete needs a user, a reference or an age: refusing to guess what to remove'));
    }
    const run = this.deletes.then(async () => {
      let open!: () => void;
      this.gate = new Promise<void>((resolve) => (open = resolve));
      try {
        await Promise.all([...this.files.values()].map((file) => file.notCommitting()));
        const onlyAge = filter.olderThan && !filter.user && filter.reference === undefined;
        const results = await purgeRecords({
          dataDir: this.dataDir,
          // Age alone keeps purge's rule that an undated line is kept and counted as unreadable.
          ...(onlyAge ? { olderThan: filter.olderThan } : { match: (record) => matchesFilter(record, filter) }),
          dryRun: options.dryRun,
          kinds: options.kinds,
        });
        return results.map(({ kind, removed, kept, unreadable }) => ({ kind, removed, kept, unreadable }));
      } finally {
        // Removed records free their keys: the index is read again on the next keyed append.
        if (!options.dryRun) this.keyed.clear();
        open();
      }
    });
    this.deletes = run.catch(() => undefined);
    return run;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.files.values()].map((file) => file.idle()));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.deletes;
    await Promise.all([...this.files.values()].map((file) => file.close()));
  }

  private prepare(kind: RecordKind, record: RecordData): { stored: StoredRecord; line: string } {
    if (this.closed) throw new Error('the record store is closed');
    const stored = prepareRecord(kind, record, { id: this.options.newId(), at: this.options.now().toISOString() });
    // Serialise first so a record that cannot be stored fails before it is queued.
    return { stored, line: `${JSON.stringify(stored)}\n` };
  }

  private writer(kind: RecordKind): GroupCommitFile {
    let file = this.files.get(kind);
    if (!file) {
      file = new GroupCommitFile(this.fileOf(kind), { prepareFolder: () => this.prepareFolder(), gate: () => this.gate });
      this.files.set(kind, file);
    }
    return file;
  }

  /** Runs when a file is opened (not per batch): the folder may have been removed since. */
  private async prepareFolder(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: RECORD_FOLDER_MODE });
    if (this.folderChecked) return;
    // A folder made by an older version (or by hand) may be open to others: records are personal data.
    await chmod(this.dataDir, RECORD_FOLDER_MODE).catch(() => undefined);
    this.folderChecked = true;
  }
}
