/** The state store the configuration names: bounded memory locally, a Blob container in Azure. */
import { containerClient, type BlobAccount } from '../storage/blob-container';
import { BlobStateStore } from './blob';
import { DEFAULT_MEMORY_STATE, MemoryStateStore, type MemoryStateOptions } from './memory';
import type { StateStore } from './types';

export type StateSetting = { kind: 'memory' } | ({ kind: 'blob'; container: string } & BlobAccount);

export function createStateStore(setting: StateSetting, memory: MemoryStateOptions = DEFAULT_MEMORY_STATE): StateStore {
  if (setting.kind === 'memory') return new MemoryStateStore(memory);
  return new BlobStateStore(containerClient(setting, setting.container));
}
