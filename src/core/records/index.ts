/** Append-only store for records that must never be lost: leads, hand-overs, feedback, unanswered questions. */
export * from './types';
export { RECORD_FILES } from './files';
export { JsonlRecordStore, type JsonlRecordStoreOptions } from './jsonl-store';
export { BlobRecordStore, type BlobRecordStoreOptions } from './blob-store';
export { createRecordStore, type RecordsSetting } from './create';
