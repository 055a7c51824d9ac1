/**
 * Retention for personal data: rewrites each JSONL record file keeping only the records
 * that should stay (newer than a cutoff, or not belonging to a given person).
 *
 * Safe rewrite, file by file: the kept lines go to a temporary file in the same folder,
 * which is fsynced and renamed over the original (atomic on one file system), then the
 * folder is fsynced. Records the bot appends while a file is being purged are not lost:
 * bytes appended before the rename are copied into the new file, and for a moment after
 * the rename the old file is watched for a write that was already under way.
 * Lines that cannot be read are kept as they are and counted: nothing is removed that
 * could not be dated.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { RECORD_FILES } from './files';
import { syncDir } from './sync-dir';
import { RECORD_KINDS, type RecordKind } from './types';

export interface PurgeOptions {
  dataDir: string;
  /** Remove records appended before this time. */
  olderThan?: Date;
  /** Remove records this returns true for (e.g. one person's records). */
  match?: (record: Record<string, unknown>) => boolean;
  /** Count only; change nothing. */
  dryRun?: boolean;
  kinds?: readonly RecordKind[];
  /** How long to watch the old file for a write already under way (ms). */
  settleMs?: number;
  /** Test seams around the rename. */
  hooks?: { beforeRename?: (file: string) => Promise<void>; afterRename?: (file: string) => Promise<void> };
}

export interface PurgeResult {
  kind: RecordKind;
  file: string;
  kept: number;
  removed: number;
  /** Lines that are not a readable record: kept untouched. */
  unreadable: number;
}

/** "365d" -> the time 365 days before `now`; undefined when not written like that. */
export function cutoffFromAge(age: string, now: Date): Date | undefined {
  const match = /^(\d+)d$/.exec(age.trim());
  if (!match) return undefined;
  return new Date(now.getTime() - Number(match[1]) * 24 * 60 * 60 * 1000);
}

/**
 * Purges of one folder in this process, one at a time: two rewrites of the same file at
 * once would each rename their own copy over it, and the second would bring back what the
 * first removed ("delete my data" from two users at the same moment).
 */
const purgesByFolder = new Map<string, Promise<unknown>>();

export function purgeRecords(options: PurgeOptions): Promise<PurgeResult[]> {
  const folder = path.resolve(options.dataDir);
  const previous = purgesByFolder.get(folder) ?? Promise.resolve();
  const run = previous.then(() => purgeNow(options));
  const tail = run.catch(() => undefined);
  purgesByFolder.set(folder, tail);
  void tail.then(() => {
    if (purgesByFolder.get(folder) === tail) purgesByFolder.delete(folder);
  });
  return run;
}

async function purgeNow(options: PurgeOptions): Promise<PurgeResult[]> {
  if (!options.olderThan && !options.match) throw new Error('purgeRecords needs olderThan or match: refusing to guess what to remove');
  const results: PurgeResult[] = [];
  const present = new Set(await readdir(options.dataDir).catch(() => [] as string[]));
  for (const kind of options.kinds ?? RECORD_KINDS) {
    if (!present.has(RECORD_FILES[kind])) continue;
    results.push(await purgeFile(kind, path.join(options.dataDir, RECORD_FILES[kind]), options));
  }
  return results;
}

type Verdict = 'keep' | 'remove' | 'unreadable';

function judge(line: string, options: PurgeOptions): Verdict {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return 'unreadable';
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'unreadable';
  const fields = record as Record<string, unknown>;
  const at = typeof fields.at === 'string' ? Date.parse(fields.at) : Number.NaN;
  if (options.olderThan && !Number.isNaN(at) && at < options.olderThan.getTime()) return 'remove';
  if (options.match?.(fields)) return 'remove';
  return options.olderThan && Number.isNaN(at) ? 'unreadable' : 'keep';
}

/** Keeps the lines that stay, each with its newline, and counts what it saw. */
function filterLines(text: string, options: PurgeOptions, counts: Counts): string {
  let out = '';
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const verdict = judge(line, options);
    if (verdict === 'remove') {
      counts.removed += 1;
      continue;
    }
    if (verdict === 'keep') counts.kept += 1;
    else counts.unreadable += 1;
    out += `${line}\n`;
  }
  return out;
}

type Counts = { kept: number; removed: number; unreadable: number };

/**
 * Reads the file from `from` to its current end and returns the complete lines and the
 * offset after the last newline: a line still being written is read again later.
 */
async function readCompleteLines(handle: FileHandle, from: number): Promise<{ text: string; next: number }> {
  const { size } = await handle.stat();
  if (size <= from) return { text: '', next: from };
  const bytes = await readRange(handle, from, size);
  const end = bytes.lastIndexOf(0x0a) + 1;
  return { text: bytes.subarray(0, end).toString('utf8'), next: from + end };
}

async function purgeFile(kind: RecordKind, file: string, options: PurgeOptions): Promise<PurgeResult> {
  const counts: Counts = { kept: 0, removed: 0, unreadable: 0 };
  const original = await open(file, 'r');
  try {
    const { mode } = await original.stat();
    const first = await readCompleteLines(original, 0);
    const kept = filterLines(first.text, options, counts);
    /** A last line without newline: a crash's leftover (kept as it is) or a write in progress. */
    const tail = async (from: number) => (await readRange(original, from, (await original.stat()).size)).toString('utf8');
    if (options.dryRun || counts.removed === 0) {
      if ((await tail(first.next)).trim() !== '') counts.unreadable += 1;
      return { kind, file, ...counts };
    }

    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.purge-tmp`);
    const out = await open(temp, 'wx', mode & 0o777);
    let copied = first.next;
    try {
      await out.write(kept);
      await options.hooks?.beforeRename?.(file);
      // Appended since the first read: copy it (filtered) before the new file replaces the old.
      const since = await readCompleteLines(original, copied);
      await out.write(filterLines(since.text, options, counts));
      copied = since.next;
      await out.chmod(mode & 0o777);
      await out.sync();
      await out.close();
      await rename(temp, file);
      await syncDir(path.dirname(file));
    } catch (error) {
      await out.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
    await options.hooks?.afterRename?.(file);
    // A write that opened the old file before the rename lands there: wait for it and carry it over.
    await delay(options.settleMs ?? 100);
    const rest = await tail(copied);
    if (rest !== '') await appendSynced(file, filterLines(rest, options, counts));
    return { kind, file, ...counts };
  } finally {
    await original.close();
  }
}

async function readRange(handle: FileHandle, from: number, to: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(0, to - from));
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesRead } = await handle.read(buffer, offset, buffer.length - offset, from + offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  return buffer.subarray(0, offset);
}

async function appendSynced(file: string, text: string): Promise<void> {
  if (text === '') return;
  const handle = await open(file, 'a');
  try {
    await handle.write(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}


function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
