/** Chooses where bot state lives: memory locally and in tests, Azure Blob storage in the cloud. */
import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Config } from '../config';

export function createStorage(config: Pick<Config, 'storage'>): Storage {
  const storage = config.storage;
  if (storage.kind === 'blob') return new BlobsStorage(storage.connectionString, storage.container);
  return new MemoryStorage();
}

/** A read of a key nobody writes: proves the storage answers, for /readyz. */
export async function probeStorage(storage: Storage): Promise<void> {
  await storage.read(['readiness-probe']);
}
