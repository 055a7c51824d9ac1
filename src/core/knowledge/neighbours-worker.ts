/**
 * The confusable neighbours' own process (started by neighbours-off-thread.ts): the five
 * trainings of cross-validation run here, at the lowest CPU priority, so a bot's event loop
 * keeps answering students meanwhile. It gets the knowledge files' texts over IPC, sends back
 * the NeighbourMap and ends; a problem ends it with exit code 1 and the error on stderr.
 * Run from the sources (under tsx) or as the one-file build's second entry point (scripts/bundle.ts).
 */
import { buildKnowledge, type SourceFile } from './loader';
import { findNeighbours } from './neighbours';

/** What the bot sends: the knowledge files as read (their names and texts are what the hash covers). */
export interface NeighboursWorkerInput {
  files: SourceFile[];
}

// The bot went away (stopped, or crashed): nobody is waiting for the result.
process.once('disconnect', () => process.exit(0));
process.once('message', (input: NeighboursWorkerInput) => {
  findNeighbours(buildKnowledge(input.files)).then(
    (neighbours) => process.send?.({ neighbours }, () => process.exit(0)),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
});
