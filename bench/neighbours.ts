/**
 * `npm run bench -- neighbours`: what working out the staff console's confusable neighbours
 * (five trainings, src/core/knowledge/neighbours.ts) does to students' turns. The full bot
 * (as in bench/http.ts, with a staff token and an empty compiled-content folder, so nothing
 * is cached) takes HTTP load twice: once quiet, once right after a staff member opened an
 * entry (the neighbours route starts the work). For each: the event loop's delay p99 and
 * max inside the bot (prom-client's monitorEventLoopDelay, reset by every /metrics scrape),
 * req/s and latency p99, and the bot's CPU. Then how long until the neighbours were ready.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FULL_BOT_ENV } from './http';
import { activity, post, runLoad, MESSAGES } from './load';
import { startBotProcess, type BotProcess } from './processes';

const CONNECTIONS = 10;
const PHASE_SECONDS = 15;
const TOKEN = 'bench-neighbours-token-0123456789-abcdef';
const ENTRY = 'pn.eligibility';

/** One gauge's value from /metrics text (and the scrape resets the event-loop histogram). */
async function gauges(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return new Map([...text.matchAll(/^(nodejs_eventloop_lag_\w+_seconds) (\S+)$/gm)].map((match) => [match[1], Number(match[2])]));
}

async function neighboursStatus(url: string): Promise<number> {
  const response = await fetch(`${url}/staff/api/entries/${ENTRY}/neighbours`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  await response.arrayBuffer();
  return response.status;
}

async function phase(bot: BotProcess, name: string): Promise<string> {
  await gauges(bot.url);
  const cpuBefore = bot.cpuSeconds();
  const result = await runLoad({ url: bot.url, connections: CONNECTIONS, duration: PHASE_SECONDS, conversationOf: (n) => `bench-nb-${n % 200}` });
  const lag = await gauges(bot.url);
  const ms = (name: string) => ((lag.get(name) ?? NaN) * 1000).toFixed(1);
  const cpu = bot.cpuSeconds() - cpuBefore;
  return `| ${name} | ${(result.requests.total / result.duration).toFixed(0)} | ${result.latency.p99} | ${ms('nodejs_eventloop_lag_p50_seconds')} | ${ms('nodejs_eventloop_lag_p99_seconds')} | ${ms('nodejs_eventloop_lag_max_seconds')} | ${cpu.toFixed(1)} | ${result.non2xx} |`;
}

export async function benchNeighbours(): Promise<string[]> {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'pn-bench-neighbours-'));
  const bot = await startBotProcess('full', 'src/index.ts', { ...FULL_BOT_ENV, STAFF_TOKEN: TOKEN, CONTENT_CACHE_DIR: cache });
  try {
    const answered = await post(bot.url, activity(0, MESSAGES[0], 'bench-nb-check'));
    if (answered.status !== 200) throw new Error(`the full bot did not answer: HTTP ${answered.status}`);
    await runLoad({ url: bot.url, connections: CONNECTIONS, duration: 2, conversationOf: (n) => `bench-nb-${n % 200}` });
    const lines = [
      `setup: the full bot, ${CONNECTIONS} connections, ${PHASE_SECONDS} s per phase, empty CONTENT_CACHE_DIR; load average before: ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`,
      '',
      '| phase | req/s | latency p99 ms | event loop delay p50 ms | p99 ms | max ms | bot CPU s |  non-2xx |',
      '|---|---|---|---|---|---|---|---|',
      await phase(bot, 'quiet'),
    ];
    const started = performance.now();
    const first = await neighboursStatus(bot.url);
    if (first !== 202) throw new Error(`the neighbours route answered ${first}, not 202 (already worked out?)`);
    lines.push(await phase(bot, 'while neighbours are worked out'));
    const stillComputing = (await neighboursStatus(bot.url)) === 202;
    let status = 202;
    while (status === 202) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = await neighboursStatus(bot.url);
    }
    lines.push(
      '',
      `neighbours: HTTP ${status} after ${((performance.now() - started) / 1000).toFixed(1)} s (${stillComputing ? 'still being worked out at the end of the loaded phase' : 'ready before the end of the loaded phase'}); load average after: ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`,
    );
    return lines;
  } finally {
    await bot.stop();
    rmSync(cache, { recursive: true, force: true });
  }
}
