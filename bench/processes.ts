/**
 * Bot processes for the HTTP benchmark: each bot runs in its own Node process (the load
 * generator stays in the parent, so it never takes CPU from inside the server and the
 * server's RSS is its own). The full bot is the real entry point, src/index.ts, with
 * its real record store writing to a temporary folder.
 *
 * Both bots run as deployed: compiled by tsc (tsconfig.bench.json, into dist/bench-build)
 * and started with plain `node`, as the Dockerfile does. Under tsx each process also held
 * the TypeScript sources and their source maps (about 20 MB of heap) and paid tsx's
 * helpers on every call, which is not what production runs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

/** process.memoryUsage() of a bot after a full garbage collection, in bytes. */
export interface MemoryAfterGc {
  rss: number;
  /** JS objects still reachable. */
  heapUsed: number;
  /** Memory the JS heap holds from the system, used or not. */
  heapTotal: number;
  /** Memory outside the JS heap owned by JS objects (typed arrays, buffers). */
  external: number;
}

export interface BotProcess {
  name: string;
  url: string;
  pid: number;
  /** Current resident set size of the process, read from /proc (Linux). */
  rssNow(): number;
  /** CPU time (user + system) the process has used so far, in seconds, from /proc (Linux). */
  cpuSeconds(): number;
  /** RSS and JS heap in use after a full garbage collection inside the process. */
  memoryAfterGc(): Promise<MemoryAfterGc>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/** utime + stime of /proc/<pid>/stat, in clock ticks of 1/100 s (Linux's USER_HZ). */
export function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot process exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      // The echo bot has no /healthz: any HTTP answer means it listens.
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the bot process did not start within 60 s:\n${output()}`);
}

const BUILD_DIR = path.join(ROOT, 'dist/bench-build');
let built = false;

/** Compiles the bots once per benchmark run (a few seconds), so every run measures the current sources. */
function buildOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.bench.json')], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

/** The compiled file of a .ts entry under the project. */
function compiled(entry: string): string {
  return path.join(BUILD_DIR, entry.replace(/\.ts$/, '.js'));
}

/** The same, compiled first if this run has not yet. */
export function compiledEntry(entry: string): string {
  buildOnce();
  return compiled(entry);
}

/** Runs `entry` (a .ts file under the project, run compiled) with `args` in a new Node process; resolves with its standard output. */
export function runCompiled(entry: string, args: string[]): Promise<string> {
  buildOnce();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiled(entry), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    // 'close', not 'exit': the output may still be arriving when the process has exited.
    child.on('close', (code, signal) => (code === 0 ? resolve(output) : reject(new Error(`${entry} exited with ${code ?? signal}`))));
  });
}

/** Starts `entry` (a .ts file under the project, run compiled) in a new Node process with `env` (and extra Node flags), and waits until it answers HTTP. */
export async function startBotProcess(name: string, entry: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BotProcess> {
  buildOnce();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pn-bench-'));
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--expose-gc', '--require', compiled('bench/child-hooks.ts'), compiled(entry)],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', WATCH_CONTENT: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => output);
  const pid = child.pid as number;
  return {
    name,
    url,
    pid,
    rssNow: () => rssOf(pid),
    cpuSeconds: () => cpuOf(pid),
    memoryAfterGc: () =>
      new Promise((resolve) => {
        const onMessage = (message: Partial<MemoryAfterGc> & { type?: string }) => {
          if (message?.type !== 'rss') return;
          child.off('message', onMessage);
          resolve({ rss: message.rss ?? 0, heapUsed: message.heapUsed ?? 0, heapTotal: message.heapTotal ?? 0, external: message.external ?? 0 });
        };
        child.on('message', onMessage);
        child.send({ type: 'measure', gc: true });
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
