/**
 * Records that must never be lost (leads, hand-overs, feedback, unanswered
 * questions): appended, never rewritten, and on disk before the user is told.
 */

export const RECORD_KINDS = ['lead', 'handoff', 'feedback', 'unanswered', 'question'] as const;
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

export interface ReadOptions {
  /** Only records appended at or after this time. */
  since?: Date | string;
}

export interface RecordStore {
  /** Resolves once the record is durably stored. */
  append(kind: RecordKind, record: RecordData): Promise<StoredRecord>;
  read(kind: RecordKind, options?: ReadOptions): AsyncIterable<StoredRecord>;
  /** Waits for pending appends; later appends are refused. */
  close(): Promise<void>;
}

/** A line a read skipped because it could not be parsed. */
export interface SkippedLine {
  file: string;
  line: number;
  reason: 'truncated' | 'invalid';
}
