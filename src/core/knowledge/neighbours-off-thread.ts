/**
 * Works out the confusable neighbours in a worker thread (neighbours-worker.ts), so the
 * five trainings never hold up a running bot's event loop: the bot's NeighbourCache uses
 * this, kb:check (a command, no students waiting) works them out in its own thread.
 * The worker is the one-file build's `neighbours-worker.js` beside this code (`npm start`,
 * the deployment and the tests' bot processes), else the TypeScript source under tsx
 * (`npm run dev`, the tests' in-process apps).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { SourceFile } from './loader';
import type { NeighbourMap } from './neighbours';
import type { NeighboursWorkerInput } from './neighbours-worker';

export interface OffThreadOptions {
  /** Ends the worker at once (the bot shutting down); the promise then rejects. */
  signal?: AbortSignal;
  /** The worker's memory limits (tests: one too small to start, to see a worker die). */
  resourceLimits?: ResourceLimits;
}

/** The worker's script and the Node options it needs: built JavaScript as it is, TypeScript through tsx. */
function workerScript(): { file: string; execArgv: string[] } {
  const built = path.join(__dirname, 'neighbours-worker.js');
  if (existsSync(built)) return { file: built, execArgv: [] };
  return { file: path.join(__dirname, 'neighbours-worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}

/** The neighbours of these knowledge files, worked out in a thread of their own; rejects when the worker fails, dies or is stopped. */
export function neighboursInWorker(files: readonly SourceFile[], options: OffThreadOptions = {}): Promise<NeighbourMap> {
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    const { file, execArgv } = workerScript();
    const input: NeighboursWorkerInput = { files: files.map((source) => ({ ...source })) };
    const worker = new Worker(file, { workerData: input, execArgv, resourceLimits: options.resourceLimits, stdout: false, stderr: false });
    let result: NeighbourMap | undefined;
    const stop = () => void worker.terminate();
    options.signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (message: { neighbours?: NeighbourMap }) => (result = message.neighbours));
    worker.once('error', (error) => {
      options.signal?.removeEventListener('abort', stop);
      reject(error);
    });
    worker.once('exit', (code) => {
      options.signal?.removeEventListener('abort', stop);
      if (result) resolve(result);
      else if (options.signal?.aborted) reject(options.signal.reason);
      else reject(new Error(`the confusable neighbours' worker ended (exit code ${code}) without a result`));
    });
  });
}
