/**
 * Where conversation and user state lives, with versions: every item is read with
 * its version (a Blob eTag) and written only if nobody wrote it since (If-Match), or
 * only if it does not exist yet (If-None-Match: *). botbuilder's Storage cannot say
 * "create only if absent", so two instances starting the same conversation would both
 * win; this interface can.
 */

export interface Versioned {
  value: unknown;
  version: string;
}

export interface StateStore {
  /** The items that exist, with their versions. */
  read(keys: readonly string[]): Promise<Map<string, Versioned>>;
  /**
   * Writes the item if its version is still `expected` (null: only if it does not exist).
   * Throws StateConflictError when another writer got there first.
   */
  write(key: string, value: unknown, expected: string | null): Promise<void>;
  /** Removes the items (missing ones are fine). */
  delete(keys: readonly string[]): Promise<void>;
  /** Throws unless the store answers now: for /readyz. */
  probe(): Promise<void>;
}

/** Another writer changed the item since it was read: read again and redo the work. */
export class StateConflictError extends Error {
  constructor(readonly key: string) {
    super(`state item "${key}" was changed by another writer`);
    this.name = 'StateConflictError';
  }
}
