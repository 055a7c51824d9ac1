/**
 * Engine ports over records kept in an array, for tests of the engine alone: append,
 * appendOnce (a key stores once, like the real stores) and a log of what each turn wrote.
 */
import type { TurnPorts } from '../../src/core/engine';
import type { RecordData, RecordKind, StoredRecord } from '../../src/core/records';

export interface MemoryPorts extends TurnPorts {
  /** Every record stored, in order. */
  stored: StoredRecord[];
}

export function memoryPorts(overrides: Partial<TurnPorts> = {}): MemoryPorts {
  const stored: StoredRecord[] = [];
  const append = async (kind: RecordKind, data: RecordData): Promise<StoredRecord> => {
    const record: StoredRecord = { id: String(stored.length + 1), kind, at: new Date().toISOString(), ...data };
    stored.push(record);
    return record;
  };
  return {
    stored,
    append,
    async appendOnce(kind, data, key) {
      const existing = stored.find((record) => record.kind === kind && record.key === key);
      if (existing) return { record: existing, created: false };
      return { record: await append(kind, { ...data, key }), created: true };
    },
    async deleteUserData(user) {
      const mine = stored.filter((record) => record.userId === user.userId);
      stored.splice(0, stored.length, ...stored.filter((record) => record.userId !== user.userId));
      return mine.length;
    },
    logger: { warn: () => undefined, error: () => undefined },
    ...overrides,
  };
}
