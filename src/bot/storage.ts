/** Chooses where bot state lives: memory locally and in tests, Azure Blob storage in the cloud. */
import { type Storage, type StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { LRUCache } from 'lru-cache';
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from '../config';

/** Defaults when a caller gives no bound (tests): the same as config.ts. */
const DEFAULT_MEMORY_STATE = { maxItems: 10_000, ttlMs: 24 * 60 * 60_000 };

/**
 * A turn waits for state, so a storage outage must fail the turn in seconds (the
 * user gets an apology) rather than after the SDK's default minute of retries.
 */
const BLOB_RETRY = { maxTries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 2000, tryTimeoutInMs: 10_000 };

export function createStorage(config: Pick<Config, 'storage'> & Partial<Pick<Config, 'memoryState'>>): Storage {
  const storage = config.storage;
  if (storage.kind === 'memory') return new BoundedMemoryStorage(config.memoryState ?? DEFAULT_MEMORY_STATE);
  const options = { storagePipelineOptions: { retryOptions: BLOB_RETRY } };
  return new RecoveringStorage(() =>
    storage.connectionString !== undefined
      ? new BlobsStorage(storage.connectionString, storage.container, options)
      : new BlobsStorage('', storage.container, options, `${storage.accountUrl}/${storage.container}`, new DefaultAzureCredential()),
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

/**
 * botbuilder's MemoryStorage keeps every conversation and user it ever saw: 20,000
 * conversations grew the process by 150 MB. This one keeps at most `maxItems` (a
 * conversation's state and a user's state are one item each), drops the least recently
 * used first, and forgets items idle for `ttlMs`. Same behaviour otherwise: items are
 * stored as JSON copies with an eTag, and a write with a stale eTag fails.
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items: LRUCache<string, string>;
  private eTag = 1;

  /** `now` (ms) is for tests of the expiry. */
  constructor(options: { maxItems: number; ttlMs: number; now?: () => number }) {
    this.items = new LRUCache<string, string>({
      max: options.maxItems,
      ttl: options.ttlMs,
      updateAgeOnGet: true,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  get size(): number {
    return this.items.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const json = this.items.get(key);
      if (json !== undefined) found[key] = JSON.parse(json);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const newItem = { ...(change as Record<string, unknown>) };
      const old = this.items.get(key);
      const eTag = newItem.eTag;
      if (old !== undefined && typeof eTag === 'string' && eTag !== '*' && (JSON.parse(old) as { eTag?: string }).eTag !== eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      newItem.eTag = String(this.eTag++);
      this.items.set(key, JSON.stringify(newItem));
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}

/** A read of a key nobody writes: proves the storage answers, for /readyz. */
export async function probeStorage(storage: Storage): Promise<void> {
  await storage.read(['readiness-probe']);
}
