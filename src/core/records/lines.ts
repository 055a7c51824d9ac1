/**
 * Streams a text file line by line and says whether the last line was cut off
 * (no final newline): the mark of a write interrupted by a crash.
 */
import { createReadStream } from 'node:fs';

export interface FileLine {
  text: string;
  number: number;
  /** False only for a last line without its newline. */
  terminated: boolean;
}

export async function* readLines(file: string): AsyncGenerator<FileLine> {
  // utf8 encoding makes the stream keep multi-byte characters whole across chunks.
  const stream = createReadStream(file, { encoding: 'utf8' });
  let pending = '';
  let number = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      pending += chunk;
      let nl = pending.indexOf('\n');
      while (nl !== -1) {
        yield { text: pending.slice(0, nl), number: ++number, terminated: true };
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (pending !== '') yield { text: pending, number: ++number, terminated: false };
}
