/**
 * Staff settings every instance follows (the controls, the inbox's dismissals), kept in
 * shared storage: the Blob state container with STORAGE=blob, files under DATA_DIR
 * locally. Each instance keeps the last value it read and reads again every few
 * seconds, so a turn never waits for storage and a change made on one instance is
 * followed by all within `refreshMs`. Changes are read-modify-write on the version read,
 * retried when another instance wrote in between: two staff changing settings at
 * once both land.
 */
import type { z } from 'zod';
import { StateConflictError, type StateStore } from '../state/types';

export interface SharedSettingOptions<T> {
  store: StateStore;
  key: string;
  schema: z.ZodType<T>;
  initial: T;
  /** How often the value is read again; 0: only on demand (tests, CLIs). */
  refreshMs?: number;
  onError?: (error: unknown) => void;
}

const MAX_UPDATE_ATTEMPTS = 5;

export class SharedSetting<T> {
  private value: T;
  private timer: NodeJS.Timeout | undefined;
  /** Counts this instance's own updates, so a read that started before one cannot undo it. */
  private updates = 0;

  constructor(private readonly options: SharedSettingOptions<T>) {
    this.value = options.initial;
  }

  /** The last value read; never waits. */
  get current(): T {
    return this.value;
  }

  /** Reads now and starts reading every `refreshMs`. */
  async start(): Promise<void> {
    await this.refresh().catch((error: unknown) => this.options.onError?.(error));
    const every = this.options.refreshMs ?? 2000;
    if (every > 0) {
      this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.options.onError?.(error)), every);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reads the stored value; a value that does not pass the schema is reported and the last good one kept. */
  async refresh(): Promise<T> {
    const updatesBefore = this.updates;
    const read = await this.readVersioned();
    // A periodic read that began before this instance stored an update brings the old value back:
    // keeping it would undo a staff change here until the next read (switched back on, still off).
    if (this.updates === updatesBefore) this.value = read.value;
    return this.value;
  }

  /** Applies `change` to the stored value and stores it; resolves with the value stored. */
  async update(change: (value: T) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const read = await this.readVersioned();
      const next = this.options.schema.parse(change(read.value));
      try {
        await this.options.store.write(this.options.key, next, read.version);
        this.updates++;
        this.value = next;
        return next;
      } catch (error) {
        if (!(error instanceof StateConflictError) || attempt >= MAX_UPDATE_ATTEMPTS) throw error;
      }
    }
  }

  private async readVersioned(): Promise<{ value: T; version: string | null }> {
    const found = (await this.options.store.read([this.options.key])).get(this.options.key);
    if (!found) return { value: this.options.initial, version: null };
    const parsed = this.options.schema.safeParse(found.value);
    if (!parsed.success) throw new Error(`staff setting "${this.options.key}" is not valid: ${parsed.error.message}`);
    return { value: parsed.data, version: found.version };
  }
}
