/**
 * The local record store: one JSONL file per kind under a data folder
 * (data/leads.jsonl, ...), one record per line, fsynced before append resolves.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { readLines } from './lines';
import type { ReadOptions, RecordData, RecordKind, RecordStore, SkippedLine, StoredRecord } from './types';
import { RECORD_KINDS } from './types';

export const RECORD_FILES: Record<RecordKind, string> = {
  lead: 'leads.jsonl',
  handoff: 'handoffs.jsonl',
  feedback: 'feedback.jsonl',
  unanswered: 'unanswered.jsonl',
  question: 'questions.jsonl',
};

const RESERVED = ['id', 'kind', 'at'];

export interface JsonlRecordStoreOptions {
  /** Told about every line a read skipped; the default writes a warning to stderr. */
  onSkippedLine?: (skipped: SkippedLine) => void;
  now?: () => Date;
  newId?: () => string;
}

export class JsonlRecordStore implements RecordStore {
  /** The last write queued for each file: appends to one file run one after another. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Files this instance has checked end with a newline (or made sure they do). */
  private readonly clean = new Set<string>();
  private closed = false;
  private readonly onSkippedLine: (s: SkippedLine) => void;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(
    readonly dataDir: string,
    options: JsonlRecordStoreOptions = {},
  ) {
    this.onSkippedLine =
      options.onSkippedLine ?? ((s) => console.warn(`records: skipped ${s.reason} line ${s.line} of ${s.file}`));
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  fileOf(kind: RecordKind): string {
    return path.join(this.dataDir, RECORD_FILES[kind]);
  }

  /** Throws unless records can be written now (the folder exists or can be made, and is writable): for /readyz. */
  async checkWritable(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await access(this.dataDir, constants.W_OK);
  }

  async append(kind: RecordKind, record: RecordData): Promise<StoredRecord> {
    if (this.closed) throw new Error('the record store is closed');
    if (!RECORD_KINDS.includes(kind)) throw new TypeError(`unknown record kind "${String(kind)}"`);
    const reserved = RESERVED.filter((k) => k in record);
    if (reserved.length > 0) throw new TypeError(`a record cannot set ${reserved.join(', ')}: the store sets them`);
    const stored: StoredRecord = { id: this.newId(), kind, at: this.now().toISOString(), ...record };
    // Serialise first so a record that cannot be stored fails before it is queued.
    const line = `${JSON.stringify(stored)}\n`;
    await this.enqueue(this.fileOf(kind), (file) => this.write(file, line));
    return stored;
  }

  async *read(kind: RecordKind, options: ReadOptions = {}): AsyncGenerator<StoredRecord> {
    const file = this.fileOf(kind);
    await this.tails.get(file);
    const since = options.since === undefined ? undefined : new Date(options.since).getTime();
    for await (const line of readLines(file)) {
      if (line.text.trim() === '') continue;
      const record = parseRecord(line.text);
      if (!record) {
        this.onSkippedLine({ file, line: line.number, reason: line.terminated ? 'invalid' : 'truncated' });
        continue;
      }
      if (since === undefined || Date.parse(record.at) >= since) yield record;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.tails.values());
  }

  private enqueue(file: string, task: (file: string) => Promise<void>): Promise<void> {
    const run = (this.tails.get(file) ?? Promise.resolve()).then(() => task(file));
    // The queue goes on after a failed write; the failure reaches only its own caller.
    this.tails.set(file, run.catch(() => undefined));
    return run;
  }

  private async write(file: string, line: string): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const created = !(await exists(file));
    const handle = await open(file, 'a+');
    try {
      let text = line;
      if (!this.clean.has(file)) {
        // A crash may have left half a line: start on a fresh line so this record stays whole.
        if (!(await endsWithNewline(handle))) text = `\n${line}`;
      }
      await handle.write(text);
      await handle.datasync();
      this.clean.add(file);
    } finally {
      await handle.close();
    }
    if (created) await syncDir(this.dataDir);
  }
}

function parseRecord(text: string): StoredRecord | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const r = value as Record<string, unknown>;
    const ok = typeof r.id === 'string' && typeof r.at === 'string' && RECORD_KINDS.includes(r.kind as RecordKind);
    return ok ? (r as StoredRecord) : undefined;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function endsWithNewline(handle: import('node:fs/promises').FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const buf = Buffer.alloc(1);
  await handle.read(buf, 0, 1, size - 1);
  return buf[0] === 0x0a;
}

/** Makes a newly created file's directory entry durable too (the purge's rename needs it as well). */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the file data itself is synced.
  }
}
