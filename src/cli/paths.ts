/** Where the CLIs find content and records: the same variables the bot reads, with the same defaults. */
import path from 'node:path';
import { loadConfig } from '../config';
import { createRecordStore, type RecordStore } from '../core/records';
import type { CreateRecordStoreOptions } from '../core/records/create';

export function knowledgeDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.KNOWLEDGE_DIR ?? 'knowledge');
}

/**
 * The record store the bot uses, from the same settings (RECORDS_STORAGE, STORAGE,
 * BLOB_*, DATA_DIR), so staff tools work on Blob storage as on local files. `--data DIR`
 * names a folder of JSONL files instead.
 */
export function recordStoreFromEnv(dataFlag: string | undefined, options: CreateRecordStoreOptions = {}, env: NodeJS.ProcessEnv = process.env): RecordStore {
  if (dataFlag !== undefined) return createRecordStore({ kind: 'jsonl' }, path.resolve(dataFlag), options);
  const config = loadConfig(env);
  return createRecordStore(config.records, path.resolve(config.dataDir), options);
}
