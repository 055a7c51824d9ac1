/**
 * Writes a file only its owner can read (0600): reports and exports hold names, phone
 * numbers and questions. The mode is set before the first byte is written, and also on a
 * file that already existed (writeFile's `mode` applies only to a new file; a leads CSV
 * came out 0644 under the usual umask).
 */
import { open } from 'node:fs/promises';

export const PRIVATE_FILE_MODE = 0o600;

export async function writePrivateFile(file: string, text: string): Promise<void> {
  const handle = await open(file, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}
