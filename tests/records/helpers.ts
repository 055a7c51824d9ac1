/** Shared by the record store tests: a fresh data folder and reading a whole kind. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StoredRecord } from '../../src/core/records';

/** A folder that does not exist yet (under a fresh temporary one): the store must create it. */
export async function dataDir(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'records-')), 'data');
}

export async function all(iterable: AsyncIterable<StoredRecord>): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}
