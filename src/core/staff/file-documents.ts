/**
 * Staff settings on this machine (STORAGE=memory): one JSON file per key under a
 * folder of DATA_DIR, versioned by a hash of its text, so the read-modify-write of
 * shared-settings.ts refuses a write based on an old read, as Blob's If-Match does.
 * Memory state would forget the controls at a restart or evict them; a file does not.
 * Written to a temporary file and renamed, so a reader never sees half a document.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StateConflictError, type StateStore, type Versioned } from '../state/types';

const versionOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export class FileDocumentStore implements StateStore {
  /** Writes of this process, one at a time: the version check and the rename are one step. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  private file(key: string): string {
    // Keys are the code's own constants; encoded anyway so a key can never leave the folder.
    return path.join(this.dir, `${encodeURIComponent(key)}.json`);
  }

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const found = new Map<string, Versioned>();
    for (const key of keys) {
      const text = await readFile(this.file(key), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (text !== undefined) found.set(key, { value: JSON.parse(text) as unknown, version: versionOf(text) });
    }
    return found;
  }

  write(key: string, value: unknown, expected: string | null): Promise<void> {
    const run = this.queue.then(async () => {
      const current = (await this.read([key])).get(key);
      if ((current?.version ?? null) !== expected) throw new StateConflictError(key);
      await mkdir(this.dir, { recursive: true });
      const temporary = `${this.file(key)}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temporary, JSON.stringify(value, null, 2));
      await rename(temporary, this.file(key));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.file(key), { force: true })));
  }

  async probe(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }
}
