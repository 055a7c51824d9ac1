/** What a stored record looks like, for every store: the fields the store sets, and reading one back. */
import type { RecordData, RecordKind, StoredRecord } from './types';
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
