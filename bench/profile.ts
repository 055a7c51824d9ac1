/**
 * `npm run bench -- profile`: where the full bot's CPU goes under the HTTP benchmark's load.
 * Starts src/index.ts in its own process with `node --cpu-prof`, drives it with the same
 * autocannon load as bench/http.ts (10 connections), stops it gracefully (the profile is
 * written on exit), and prints the self time summed by function and by file, top first.
 * The .cpuprofile stays in a temporary folder for Chrome DevTools or speedscope.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FULL_BOT_ENV } from './http';
import { runLoad } from './load';
import { ROOT, startBotProcess } from './processes';

const SECONDS = 10;
const CONNECTIONS = 10;
/** Rows per table (PROFILE_TOP to see more). */
const TOP = Number(process.env.PROFILE_TOP ?? 30);

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms by a key of each sample's node, for samples taken within [from, to] (µs, monotonic clock). */
function selfTime(profile: CpuProfile, keyOf: (node: ProfileNode) => string, from: number, to: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    const node = byId.get(id);
    if (!node || at < from || at > to) return;
    const key = keyOf(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return totals;
}

/** Total time in ms by function, its callees included (each sample counts once per function on its stack). */
function inclusiveTime(profile: CpuProfile, keyOf: (node: ProfileNode) => string, from: number, to: number): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < from || at > to) return;
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const node = byId.get(current);
      if (node) seen.add(keyOf(node));
    }
    for (const key of seen) totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return totals;
}

function shortFile(url: string): string {
  if (!url) return '(native)';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) return file.slice(modules + 'node_modules/'.length);
  return path.relative(ROOT, file);
}

function table(title: string, totals: Map<string, number>, requests: number): string[] {
  const all = [...totals.values()].reduce((sum, ms) => sum + ms, 0);
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return [
    `${title} (µs per request; share of the summed time)`,
    ...rows.map(([key, ms]) => `${((ms * 1000) / requests).toFixed(0).padStart(6)} µs  ${((100 * ms) / all).toFixed(1).padStart(5)}%  ${key}`),
  ];
}

export async function benchProfile(): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pn-profile-'));
  // PROFILE_BOT=echo profiles the baseline instead, to see which costs both bots share.
  const profiling = ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...(process.env.PROFILE_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
  const bot =
    process.env.PROFILE_BOT === 'echo'
      ? await startBotProcess('echo bot (profiled)', 'bench/echo-bot.ts', {}, profiling)
      : await startBotProcess('full bot (profiled)', 'src/index.ts', FULL_BOT_ENV, profiling);
  let requests = 0;
  // V8 stamps samples with the monotonic clock, as process.hrtime does: keep the measured load only.
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  let from = 0;
  let to = 0;
  try {
    // Warm-up first, so the profile shows the steady state rather than the first compilations.
    await runLoad({ url: bot.url, connections: CONNECTIONS, duration: 2, conversationOf: (n) => `profile-conv-${n % 200}` });
    from = nowUs();
    const result = await runLoad({ url: bot.url, connections: CONNECTIONS, duration: SECONDS, conversationOf: (n) => `profile-conv-${n % 200}` });
    requests = result.requests.total;
    to = nowUs();
  } finally {
    await bot.stop();
  }
  // tsx's loader thread writes a profile of its own: the main thread's is the largest.
  const file = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  if (!file) return [`no profile written in ${dir}`];
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const functionOf = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'}  ${shortFile(node.callFrame.url)}`;
  const byFunction = selfTime(profile, functionOf, from, to);
  const busy = [...byFunction].filter(([key]) => !key.startsWith('(idle)')).reduce((sum, [, ms]) => sum + ms, 0);
  return [
    `profile: ${path.join(dir, file)}; ${requests} requests in ${SECONDS} s at ${CONNECTIONS} connections; ` +
      `${((busy * 1000) / Math.max(1, requests)).toFixed(0)} µs of JS thread time per request outside (idle)`,
    ...table('by function', byFunction, requests),
    '',
    ...table('by function, callees included', inclusiveTime(profile, functionOf, from, to), requests),
    '',
    ...table('by file', selfTime(profile, (node) => shortFile(node.callFrame.url), from, to), requests),
  ];
}
