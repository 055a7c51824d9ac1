/** The last records of a kind, read as a stream (the question log can be long): what the inbox and the change preview read. */
import type { RecordKind, RecordStore, StoredRecord } from '../records';
import { RECENT_QUESTIONS } from './inbox';

export async function lastRecords(records: Pick<RecordStore, 'read'>, kind: RecordKind, limit = RECENT_QUESTIONS): Promise<StoredRecord[]> {
  const kept: StoredRecord[] = [];
  for await (const record of records.read(kind)) {
    kept.push(record);
    if (kept.length > limit * 2) kept.splice(0, kept.length - limit);
  }
  return kept.slice(-limit);
}
