/**
 * The confusable neighbours' own thread (started by neighbours-off-thread.ts): the five
 * trainings of cross-validation run here, so a bot's event loop keeps answering students
 * meanwhile. It gets the knowledge files' texts, posts back the NeighbourMap and ends; a
 * problem is thrown, which the bot sees as the worker's 'error'. Run from the sources
 * (under tsx) or from the one-file build's second entry point (scripts/bundle.ts).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { buildKnowledge, type SourceFile } from './loader';
import { findNeighbours } from './neighbours';

/** What the bot sends: the knowledge files as read (their names and texts are what the hash covers). */
export interface NeighboursWorkerInput {
  files: SourceFile[];
}

/** Background work: on Linux the nice value is per thread, so this lowers this thread only, never the bot's. */
const BACKGROUND_NICE = 10;

async function run(): Promise<void> {
  try {
    setPriority(BACKGROUND_NICE);
  } catch {
    // Not allowed here (some containers): the same work at the bot's priority.
  }
  const { files } = workerData as NeighboursWorkerInput;
  const neighbours = await findNeighbours(buildKnowledge(files));
  parentPort?.postMessage({ neighbours });
}

void run().catch((error: unknown) => {
  // Thrown again outside the promise: the worker ends with an 'error' the bot logs.
  setImmediate(() => {
    throw error;
  });
});
