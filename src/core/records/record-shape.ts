/** What a stored record looks like, for every store: the fields the store sets, and reading one back. */
import { randomUUID } from 'node:crypto';
import type { RecordData, RecordKind, SkippedLine, StoredRecord } from './types';
import { RECORD_KINDS } from './types';

const RESERVED = ['id', 'kind', 'at'];

/** The record as stored; throws (before anything is written) when it cannot be stored. */
export function prepareRecord(kind: RecordKind, record: RecordData, set: { id: string; at: string }): StoredRecord {
  if (!RECORD_KINDS.includes(kind)) throw new TypeError(`unknown record kind "${String(kind)}"`);
  const reserved = RESERVED.filter((k) => k in record);
  if (reserved.length > 0) throw new TypeError(`a record cannot set ${reserved.join(', ')}: the store sets them`);
  return { id: set.id, kind, at: set.at, ...record };
}

/** A stored record from its JSON text, or undefined when the text is not one. */
export function parseRecord(text: string): StoredRecord | undefined {
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

/** Options every record store takes (tests give clocks and ids; the app gives loggers). */
export interface RecordStoreOptions {
  /** Told about every stored record a read skipped; the default writes a warning to stderr. */
  onSkippedLine?: (skipped: SkippedLine) => void;
  /** Told when a best-effort record could not be stored; the default writes a warning to stderr. */
  onBestEffortError?: (error: unknown, kind: RecordKind) => void;
  /** Best-effort records waiting for storage that does not keep up: past this many, new ones are dropped (and reported). */
  maxBestEffortPending?: number;
  now?: () => Date;
  newId?: () => string;
}

export function withDefaults(options: RecordStoreOptions): Required<RecordStoreOptions> {
  return {
    onSkippedLine: options.onSkippedLine ?? ((s) => console.warn(`records: skipped ${s.reason} record ${s.line} of ${s.file}`)),
    onBestEffortError:
      options.onBestEffortError ?? ((error, kind) => console.warn(`records: a ${kind} record was not stored: ${(error as Error).message}`)),
    maxBestEffortPending: options.maxBestEffortPending ?? 10_000,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
  };
}
