/**
 * Records that must never be lost (leads, hand-overs, feedback, unanswered
 * questions): appended, never rewritten, and on disk before the user is told.
 */

/**
 * `leadStatus`: staff's status changes of a lead or hand-over (they carry the person's
 * user id, so "delete my data" removes them). `audit`: the staff console's audit log
 * (src/core/staff/audit.ts; never a person's data, so no user's delete matches it).
 * `dataDeletion`: a data deletion request Meta sent for a Facebook user and what it deleted
 * (src/core/facebook; counts and a confirmation code, never a user id).
 */
export const RECORD_KINDS = ['lead', 'handoff', 'feedback', 'unanswered', 'question', 'leadStatus', 'audit', 'dataDeletion'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What a caller stores: any JSON-serialisable fields except the reserved id, kind and at. */
export type RecordData = Record<string, unknown>;

export interface StoredRecord {
  id: string;
  kind: RecordKind;
  /** ISO 8601 time the record was appended. */
  at: string;
  [field: string]: unknown;
}

/** What `appendOnce` found: the record of its key, and whether this call stored it. */
export interface OnceResult {
  record: StoredRecord;
  /** False when a record of that key was already stored (an earlier attempt, another instance). */
  created: boolean;
}

export interface ReadOptions {
  /** Only records appended at or after this time. */
  since?: Date | string;
}

/**
 * Which records a delete removes. Every criterion given must hold (a user's records older
 * than a date = both); at least one is required, so an empty filter never removes everything.
 */
export interface RecordFilter {
  /** Records carrying this user id (and this channel id, when given). */
  user?: { userId: string; channelId?: string };
  /** Records carrying this reference (the PN-XXXX a lead or hand-over got). */
  reference?: string;
  /** Records appended before this time. */
  olderThan?: Date;
}

export interface DeleteOptions {
  /** Count only; change nothing. */
  dryRun?: boolean;
  kinds?: readonly RecordKind[];
}

export interface DeleteResult {
  kind: RecordKind;
  removed: number;
  kept: number;
  /** Stored data that could not be read as a record: kept untouched. */
  unreadable: number;
}

/**
 * Where records go. One interface for every backend: JSONL files locally
 * (JsonlRecordStore), Azure Blob in the cloud (BlobRecordStore, one blob per record). Implementations
 * must keep three promises: `append` resolves only once the record is durable;
 * `appendBestEffort` never makes its caller wait nor throws; a delete never loses a
 * record appended while it runs.
 */
export interface RecordStore {
  /** Resolves once the record is durably stored; rejects when it is not. For what a user is told was saved. */
  append(kind: RecordKind, record: RecordData): Promise<StoredRecord>;
  /**
   * `append`, at most once per key: a record already stored under this key (by this
   * process, another instance, or an earlier attempt of the same turn) is returned
   * instead of storing a second one. A lead's key is its conversation and flow run.
   */
  appendOnce(kind: RecordKind, record: RecordData, key: string): Promise<OnceResult>;
  /**
   * Stores the record soon, without making the caller wait: for logs a reply must not
   * wait for (the question log). A failure goes to `onError`, else to the store's own callback.
   */
  appendBestEffort(kind: RecordKind, record: RecordData, onError?: (error: unknown) => void): void;
  read(kind: RecordKind, options?: ReadOptions): AsyncIterable<StoredRecord>;
  /** Removes the records the filter matches, from every kind (or `options.kinds`). */
  delete(filter: RecordFilter, options?: DeleteOptions): Promise<DeleteResult[]>;
  /** Resolves once every record appended so far, best-effort ones too, is durable (or has failed). */
  flush(): Promise<void>;
  /** Throws unless records can be written now: for /readyz. */
  checkWritable(): Promise<void>;
  /** Where a kind's records are, for people: a file path or a Blob container prefix. */
  location(kind: RecordKind): string;
  /** Flushes; later appends are refused. */
  close(): Promise<void>;
}

/** True when the record matches every criterion of the filter (see RecordFilter). */
export function matchesFilter(record: Record<string, unknown>, filter: RecordFilter): boolean {
  const { user, reference, olderThan } = filter;
  if (!user && reference === undefined && !olderThan) return false;
  if (user && (record.userId !== user.userId || (user.channelId !== undefined && record.channelId !== user.channelId))) return false;
  if (reference !== undefined && record.reference !== reference) return false;
  if (olderThan) {
    const at = typeof record.at === 'string' ? Date.parse(record.at) : Number.NaN;
    if (Number.isNaN(at) || at >= olderThan.getTime()) return false;
  }
  return true;
}

/** A line a read skipped because it could not be parsed. */
export interface SkippedLine {
  file: string;
  line: number;
  reason: 'truncated' | 'invalid';
}
