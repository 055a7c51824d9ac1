/**
 * Runs one of the staff CLIs (src/cli/<name>.ts) with arguments and an environment, and
 * returns its exit code and what it printed. In-process by default: the CLI's exported
 * main function, with the arguments and the environment the command line would give it, and its console output and standard streams captured. That tests the CLI's logic
 * without starting npx and tsx (a few seconds per run, and the runs that timed out under
 * load). The arguments are passed to main: jest gives a test its own `process` object,
 * which node:util's parseArgs does not read. `spawn: true` runs it in a child process as `npm run` does
 * (tsx's loader), without npm and tsx's own launcher (about 3 s of CPU less a run): each CLI's
 * suite keeps one such run, so the wiring (runMain, the exit code) stays tested.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { format, promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');

/** Loaded when first run, so a suite that only spawns does not compile the CLI in the worker. */
const CLIS = {
  'kb-check': () => import('../../src/cli/kb-check'),
  report: () => import('../../src/cli/report'),
  'records-purge': () => import('../../src/cli/records-purge'),
};

export type CliName = keyof typeof CLIS;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a staff member's shell would give, with an English locale unless the test says otherwise. */
function cliEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env };
}

export async function runCli(name: CliName, args: string[], env: NodeJS.ProcessEnv = {}, options: { spawn?: boolean } = {}): Promise<CliRun> {
  return options.spawn ? spawnCli(name, args, cliEnv(env)) : runInProcess(name, args, cliEnv(env));
}

async function spawnCli(name: CliName, args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `src/cli/${name}.ts`, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** One at a time: the run borrows process-wide state (environment, working folder, console). */
let running: Promise<unknown> = Promise.resolve();

function runInProcess(name: CliName, args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const run = running.then(() => runNow(name, args, env));
  running = run.catch(() => undefined);
  return run;
}

async function runNow(name: CliName, args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const { main } = await CLIS[name]();
  const saved = { env: process.env, cwd: process.cwd() };
  let stdout = '';
  let stderr = '';
  const spies = [
    jest.spyOn(console, 'log').mockImplementation((...items: unknown[]) => void (stdout += `${format(...items)}\n`)),
    jest.spyOn(console, 'error').mockImplementation((...items: unknown[]) => void (stderr += `${format(...items)}\n`)),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)),
  ];
  process.env = env;
  process.chdir(ROOT);
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } catch (error) {
    // What runMain does with an unexpected error: its message, exit 1.
    stderr += `${error instanceof Error ? error.message : String(error)}\n`;
    return { code: 1, stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
    process.env = saved.env;
    process.chdir(saved.cwd);
  }
}
