/**
 * State in this process, for local use and tests. Bounded: at most `maxItems` (a
 * conversation's state and a user's state are one item each), least recently used
 * first, and items idle for `ttlMs` are forgotten (botbuilder's MemoryStorage kept
 * every conversation: 20,000 of them grew the process by 150 MB). Items are kept as
 * JSON copies, so a caller can never change a stored item by accident.
 */
import { LRUCache } from 'lru-cache';
import { StateConflictError, type StateStore, type Versioned } from './types';

export interface MemoryStateOptions {
  maxItems: number;
  ttlMs: number;
  /** ms clock, for tests of the expiry. */
  now?: () => number;
}

export const DEFAULT_MEMORY_STATE = { maxItems: 10_000, ttlMs: 24 * 60 * 60_000 };

export class MemoryStateStore implements StateStore {
  private readonly items: LRUCache<string, { json: string; version: string }>;
  private nextVersion = 1;

  constructor(options: MemoryStateOptions = DEFAULT_MEMORY_STATE) {
    this.items = new LRUCache({
      max: options.maxItems,
      ttl: options.ttlMs,
      updateAgeOnGet: true,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  get size(): number {
    return this.items.size;
  }

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const found = new Map<string, Versioned>();
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found.set(key, { value: JSON.parse(item.json) as unknown, version: item.version });
    }
    return found;
  }

  async write(key: string, value: unknown, expected: string | null): Promise<void> {
    const current = this.items.get(key);
    if ((current?.version ?? null) !== expected) throw new StateConflictError(key);
    this.items.set(key, { json: JSON.stringify(value), version: String(this.nextVersion++) });
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  async probe(): Promise<void> {}
}
