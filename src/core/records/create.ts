/** The record store the configuration names: JSONL files under the data folder, or a Blob container. */
import { containerClient, type BlobAccount } from '../storage/blob-container';
import { BlobRecordStore } from './blob-store';
import { JsonlRecordStore } from './jsonl-store';
import type { RecordStoreOptions } from './record-shape';
import type { RecordStore } from './types';

export type RecordsSetting = { kind: 'jsonl' } | ({ kind: 'blob'; container: string } & BlobAccount);

export type CreateRecordStoreOptions = RecordStoreOptions;

export function createRecordStore(setting: RecordsSetting, dataDir: string, options: CreateRecordStoreOptions = {}): RecordStore {
  if (setting.kind === 'jsonl') return new JsonlRecordStore(dataDir, options);
  return new BlobRecordStore(containerClient(setting, setting.container), options);
}
