/**
 * Works out the confusable neighbours in a process of their own (neighbours-worker.ts) at
 * the lowest CPU priority (`nice -n 19`, every thread of it, its garbage collector's
 * included), so the five trainings never hold up a running bot's event loop. A worker
 * thread at nice 10 or 19 did not do that: under HTTP load the bot's event-loop delay p99
 * doubled while it ran (bench/RESULTS.md), as a thread shares the process's V8 helper
 * threads. The bot's NeighbourCache uses this; kb:check (a command, no students waiting)
 * works them out in its own thread. The script is the one-file build's
 * `neighbours-worker.js` beside this code (`npm start`, the deployment, the tests' bot
 * processes), else the TypeScript source under tsx (`npm run dev`, the tests' in-process apps).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import type { SourceFile } from './loader';
import type { NeighbourMap } from './neighbours';
import type { NeighboursWorkerInput } from './neighbours-worker';

export interface OffThreadOptions {
  /** Ends the worker at once (the bot shutting down); the promise then rejects. */
  signal?: AbortSignal;
  /** The worker's V8 heap limit in MB (tests: one too small to start, to see a worker die). */
  maxOldSpaceMb?: number;
}

/** The lowest priority: the worker runs only on CPU the bot and everything else leave free. */
const BACKGROUND_NICE = 19;
/** coreutils' nice (Debian, and the node images the Dockerfile builds on); without it, only the worker's main thread is lowered. */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((file) => existsSync(file));

/** The worker's script and the Node options it needs: built JavaScript as it is, TypeScript through tsx. */
function workerScript(): { file: string; execArgv: string[] } {
  const built = path.join(__dirname, 'neighbours-worker.js');
  if (existsSync(built)) return { file: built, execArgv: [] };
  return { file: path.join(__dirname, 'neighbours-worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}

/** The neighbours of these knowledge files, worked out in a process of their own; rejects when the worker fails, dies or is stopped. */
export function neighboursInWorker(files: readonly SourceFile[], options: OffThreadOptions = {}): Promise<NeighbourMap> {
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    const { file, execArgv } = workerScript();
    const node = [process.execPath, ...execArgv, ...(options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : []), file];
    const [command, ...args] = NICE ? [NICE, '-n', String(BACKGROUND_NICE), ...node] : node;
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    if (!NICE && child.pid !== undefined) {
      try {
        setPriority(child.pid, BACKGROUND_NICE);
      } catch {
        // Not allowed here: the same work at the bot's priority.
      }
    }
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    let result: NeighbourMap | undefined;
    const stop = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', stop, { once: true });
    child.on('message', (message: { neighbours?: NeighbourMap }) => (result = message.neighbours));
    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', stop);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      options.signal?.removeEventListener('abort', stop);
      if (result) resolve(result);
      else if (options.signal?.aborted) reject(options.signal.reason);
      else reject(new Error(`the confusable neighbours' worker ended (${signal ?? `exit code ${code}`}) without a result: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
    const input: NeighboursWorkerInput = { files: files.map((source) => ({ ...source })) };
    child.send(input);
  });
}
