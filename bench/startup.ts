/**
 * npm run bench -- startup: how long the bot takes from the start of its process to a
 * 200 from /readyz, compiling its content (an empty compiled-content folder) and opening
 * it compiled (the folder a first start filled); then how long a changed alternate takes
 * to go live: the file is written and POST /admin/reload answers with the new version
 * (the reload compiles the next bundle off to the side and swaps it in before answering).
 * The bot runs compiled, on a copy of the real content. Each time is shown with the CPU
 * time the bot's process used meanwhile, which stays meaningful on a busy shared machine.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compiledEntry, cpuOf, freePort, ROOT } from './processes';

const TOKEN = 'bench-startup-token-0123456789abcdef0123456789';

interface Started {
  url: string;
  seconds: number;
  cpuSeconds: () => number;
  stop(): Promise<void>;
}

async function startToReady(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [compiledEntry('src/index.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WATCH_CONTENT: 'false', STAFF_TOKEN: TOKEN, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}: ${errors}`);
    if (performance.now() - started > 120_000) throw new Error('not ready within 120 s');
    const status = await fetch(`${url}/readyz`).then((response) => response.status, () => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
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

/** Adds an alternate to the first entry of pn.yaml, as a staff edit would, and returns the new text. */
function addAlternate(file: string, round: number): void {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('\n      vi:\n', text.indexOf('alternates:'));
  if (at < 0) throw new Error(`no Vietnamese alternates found in ${file}`);
  const insertAt = at + '\n      vi:\n'.length;
  writeFileSync(file, `${text.slice(0, insertAt)}        - "em hỏi thêm lần ${round} về chuyện này ạ"\n${text.slice(insertAt)}`);
}

export async function benchStartup(): Promise<string[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'pn-startup-'));
  const dirs = { KNOWLEDGE_DIR: path.join(work, 'knowledge'), DIALOGS_DIR: path.join(work, 'dialogs'), LOCALES_DIR: path.join(work, 'locales') };
  for (const part of ['knowledge', 'dialogs', 'locales']) cpSync(path.join(ROOT, part), path.join(work, part), { recursive: true });
  const env = { ...dirs, DATA_DIR: path.join(work, 'data'), CONTENT_CACHE_DIR: path.join(work, 'compiled') };
  const lines: string[] = [];
  try {
    const cold = await startToReady(env);
    const coldCpu = cold.cpuSeconds();
    await cold.stop();
    lines.push(`start to /readyz, compiling (empty compiled-content folder): ${cold.seconds.toFixed(2)} s (CPU ${coldCpu.toFixed(2)} s)`);
    const cached: string[] = [];
    for (let i = 0; i < 3; i++) {
      const bot = await startToReady(env);
      cached.push(`${bot.seconds.toFixed(2)} (CPU ${bot.cpuSeconds().toFixed(2)})`);
      if (i < 2) {
        await bot.stop();
        continue;
      }
      const reloads: string[] = [];
      for (let round = 1; round <= 3; round++) {
        const began = performance.now();
        const cpuBefore = bot.cpuSeconds();
        addAlternate(path.join(dirs.KNOWLEDGE_DIR, 'pn.yaml'), round);
        const response = await fetch(`${bot.url}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
        if (response.status !== 200) throw new Error(`reload answered ${response.status}: ${await response.text()}`);
        reloads.push(`${((performance.now() - began) / 1000).toFixed(2)} (CPU ${(bot.cpuSeconds() - cpuBefore).toFixed(2)})`);
      }
      await bot.stop();
      lines.push(`start to /readyz, compiled content in the folder: ${cached.join(', ')} s`);
      lines.push(`one alternate added, file written to new version live (POST /admin/reload answered): ${reloads.join(', ')} s`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return lines;
}
