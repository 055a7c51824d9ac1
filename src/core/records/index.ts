/** Append-only store for records that must never be lost: leads, hand-overs, feedback, unanswered questions. */
export * from './types';
export { JsonlRecordStore, RECORD_FILES, type JsonlRecordStoreOptions } from './jsonl-store';
