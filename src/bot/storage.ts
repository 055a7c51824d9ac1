/** Chooses where bot state lives: memory locally and in tests, Azure Blob storage in the cloud. */
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Config } from '../config';

/**
 * A turn waits for state, so a storage outage must fail the turn in seconds (the
 * user gets an apology) rather than after the SDK's default minute of retries.
 */
const BLOB_RETRY = { maxTries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 2000, tryTimeoutInMs: 10_000 };

export function createStorage(config: Pick<Config, 'storage'>): Storage {
  const storage = config.storage;
  if (storage.kind === 'memory') return new MemoryStorage();
  return new RecoveringStorage(
    () => new BlobsStorage(storage.connectionString, storage.container, { storagePipelineOptions: { retryOptions: BLOB_RETRY } }),
  );
}

/**
 * BlobsStorage remembers a failed container check forever, so a storage outage at
 * start would outlive the outage. After any failure this starts again with a fresh
 * client, which checks the container again on its next use.
 */
export class RecoveringStorage implements Storage {
  private inner: Storage;

  constructor(private readonly create: () => Storage) {
    this.inner = create();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.run((storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.run((storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.run((storage) => storage.delete(keys));
  }

  private async run<T>(operation: (storage: Storage) => Promise<T>): Promise<T> {
    const current = this.inner;
    try {
      return await operation(current);
    } catch (error) {
      if (this.inner === current) this.inner = this.create();
      throw error;
    }
  }
}

/** A read of a key nobody writes: proves the storage answers, for /readyz. */
export async function probeStorage(storage: Storage): Promise<void> {
  await storage.read(['readiness-probe']);
}
