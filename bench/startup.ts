/**
 * npm run bench -- startup: how long the bot takes from the start of its process to a 200
 * from /readyz, run as `npm start` runs it (the one-file build, dist/bundle, made here into
 * dist/bench-bundle by scripts/bundle.ts), on a copy of the real content:
 * - compiling (an empty compiled-content folder: validate, analyse, train);
 * - with the content compiled in the folder (a restart), and the same with the plain
 *   `tsc` output (`node dist/src/index.js`) beside it, to show what the one-file build saves;
 * - with the content compiled in Blob only (STORAGE=blob on Azurite, no folder: a new
 *   instance in the cloud opening what another compiled);
 * then how long a changed alternate takes to go live: the file is written and POST
 * /admin/reload answers with the new version (compiled off to the side, then swapped in).
 * Every time is shown with the CPU time the bot's process used meanwhile and the machine's
 * load average, which say more than wall time on a busy shared machine. Builds happen
 * before any clock starts.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectionString, startAzurite } from '../tests/integration/azurite';
import { compiledEntry, cpuOf, freePort, ROOT } from './processes';

const TOKEN = 'bench-startup-token-0123456789abcdef0123456789';
const BUNDLE_DIR = 'dist/bench-bundle';
/** Starts measured for each way (RUNS=n to change). */
const RUNS = Number(process.env.RUNS ?? 5);

interface Started {
  url: string;
  seconds: number;
  cpuSeconds: () => number;
  stop(): Promise<void>;
}

interface Sample {
  seconds: number;
  cpu: number;
  load: number;
}

const loadNow = () => os.loadavg()[0];

async function startToReady(entry: string, env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WATCH_CONTENT: 'false', STAFF_TOKEN: TOKEN, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}: ${errors}`);
    if (performance.now() - started > 180_000) throw new Error('not ready within 180 s');
    const status = await fetch(`${url}/readyz`).then((response) => response.status, () => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (performance.now() - started) / 1000;
  const pid = child.pid as number;
  return {
    url,
    seconds,
    cpuSeconds: () => cpuOf(pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts, measures and stops. */
async function sampleStart(entry: string, env: Record<string, string>): Promise<Sample> {
  const load = loadNow();
  const bot = await startToReady(entry, env);
  const sample = { seconds: bot.seconds, cpu: bot.cpuSeconds(), load };
  await bot.stop();
  return sample;
}

function describe(samples: Sample[]): string {
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];
  const runs = samples.map((s) => `${s.seconds.toFixed(2)} (CPU ${s.cpu.toFixed(2)}, load ${s.load.toFixed(1)})`).join(', ');
  return `median ${median(samples.map((s) => s.seconds)).toFixed(2)} s wall, CPU ${median(samples.map((s) => s.cpu)).toFixed(2)} s; runs: ${runs}`;
}

/** Adds an alternate to the first entry of pn.yaml, as a staff edit would. */
function addAlternate(file: string, round: number): void {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('\n      vi:\n', text.indexOf('alternates:'));
  if (at < 0) throw new Error(`no Vietnamese alternates found in ${file}`);
  const insertAt = at + '\n      vi:\n'.length;
  writeFileSync(file, `${text.slice(0, insertAt)}        - "em hỏi thêm lần ${round} về chuyện này ạ"\n${text.slice(insertAt)}`);
}

export async function benchStartup(): Promise<string[]> {
  // Built first, outside every measured time.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bundle.ts'], { cwd: ROOT, env: { ...process.env, BUNDLE_DIR }, stdio: 'inherit' });
  const bundled = path.join(ROOT, BUNDLE_DIR, 'start.js');
  const plain = compiledEntry('src/index.ts');

  const work = mkdtempSync(path.join(os.tmpdir(), 'pn-startup-'));
  const dirs = { KNOWLEDGE_DIR: path.join(work, 'knowledge'), DIALOGS_DIR: path.join(work, 'dialogs'), LOCALES_DIR: path.join(work, 'locales') };
  for (const part of ['knowledge', 'dialogs', 'locales']) cpSync(path.join(ROOT, part), path.join(work, part), { recursive: true });
  const env = { ...dirs, DATA_DIR: path.join(work, 'data'), CONTENT_CACHE_DIR: path.join(work, 'compiled') };
  const lines: string[] = [`${os.cpus().length} cores, load average at the start ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}; ${RUNS} runs each`];
  let azurite: ChildProcess | undefined;
  try {
    const cold: Sample[] = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      rmSync(env.CONTENT_CACHE_DIR, { recursive: true, force: true });
      cold.push(await sampleStart(bundled, env));
    }
    lines.push(`start to /readyz, compiling (empty compiled-content folder): ${describe(cold)}`);

    const cached: Sample[] = [];
    for (let i = 0; i < RUNS; i++) cached.push(await sampleStart(bundled, env));
    lines.push(`start to /readyz, compiled content in the folder (npm start: the one-file build): ${describe(cached)}`);

    // The plain tsc output has another compiler fingerprint (it hashes .js files): its own folder, filled once.
    const plainEnv = { ...env, CONTENT_CACHE_DIR: path.join(work, 'compiled-plain') };
    await sampleStart(plain, plainEnv);
    const plainRuns: Sample[] = [];
    for (let i = 0; i < RUNS; i++) plainRuns.push(await sampleStart(plain, plainEnv));
    lines.push(`the same with node dist/src/index.js (tsc output, module by module): ${describe(plainRuns)}`);

    const port = await freePort();
    azurite = await startAzurite(port, path.join(work, 'azurite'));
    const blobEnv = { ...env, STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(port), CONTENT_CACHE_DIR: 'off' };
    // The first instance compiles into Blob; the next ones open it from there alone.
    await sampleStart(bundled, blobEnv);
    const fromBlob: Sample[] = [];
    for (let i = 0; i < RUNS; i++) fromBlob.push(await sampleStart(bundled, blobEnv));
    lines.push(`start to /readyz, compiled content in Blob only (STORAGE=blob on Azurite, no folder): ${describe(fromBlob)}`);

    const bot = await startToReady(bundled, env);
    const reloads: Sample[] = [];
    try {
      for (let round = 1; round <= RUNS; round++) {
        const load = loadNow();
        const began = performance.now();
        const cpuBefore = bot.cpuSeconds();
        addAlternate(path.join(dirs.KNOWLEDGE_DIR, 'pn.yaml'), round);
        const response = await fetch(`${bot.url}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
        if (response.status !== 200) throw new Error(`reload answered ${response.status}: ${await response.text()}`);
        reloads.push({ seconds: (performance.now() - began) / 1000, cpu: bot.cpuSeconds() - cpuBefore, load });
      }
    } finally {
      await bot.stop();
    }
    lines.push(`one alternate added, file written to new version live (POST /admin/reload answered): ${describe(reloads)}`);
  } finally {
    if (azurite && azurite.exitCode === null) azurite.kill();
    rmSync(work, { recursive: true, force: true });
    rmSync(path.join(ROOT, BUNDLE_DIR), { recursive: true, force: true });
  }
  return lines;
}
