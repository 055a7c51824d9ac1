import { open } from 'node:fs/promises';

/** Makes a newly created (or renamed) file's directory entry durable too. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the file data itself is synced.
  }
}
