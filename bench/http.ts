/**
 * HTTP load on POST /api/messages. Each bot runs in its own process (bench/processes.ts):
 * a bare echo bot (bench/echo-bot.ts), the same echo reusing the Bot Framework's HTTP
 * clients as the full bot does, and the full bot (src/index.ts: real knowledge base,
 * flows, memory state, JSONL records in a temporary folder), in the same run. autocannon
 * runs in this process. For 10 and 50 connections, each bot gets a warm-up, then the
 * bots take turns for several short measured rounds (so a burst of load from elsewhere on
 * a shared machine hits both), with RSS sampled every 100 ms; the table shows the median
 * round of each bot. Rate limits are turned off for the
 * full bot: one loopback client sending ~1,000 messages/s is exactly what they stop,
 * and this measures the turn, not the limiter (tests/server covers the limits).
 * Before the load, the full bot must answer a question from the knowledge base, so the
 * numbers cannot come from error replies; its /metrics then show how the turns were decided.
 */
import { activity, MESSAGES, post, runLoad, type CannonResult } from './load';
import { startBotProcess, type BotProcess } from './processes';

const CONNECTION_COUNTS = [10, 50];
const WARMUP_SECONDS = 2;
const ROUNDS = 5;
const ROUND_SECONDS = 4;
const CONVERSATIONS = 200;
const RSS_SAMPLE_MS = 100;

/** Settings the full bot runs with in the benchmark (see the header comment). */
export const FULL_BOT_ENV = { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0', RATE_LIMIT_IP_PER_MINUTE: '0' };

interface Measured {
  result: CannonResult;
  rssPeakMb: number;
  /** CPU the bot process used per request: what a request costs, whatever else runs on the machine. */
  cpuMsPerRequest: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

const conversationOf = (n: number) => `bench-conv-${n % CONVERSATIONS}`;

async function measure(bot: BotProcess, connections: number): Promise<Measured> {
  let peak = bot.rssNow();
  const sampler = setInterval(() => (peak = Math.max(peak, bot.rssNow())), RSS_SAMPLE_MS);
  const cpuBefore = bot.cpuSeconds();
  try {
    const result = await runLoad({ url: bot.url, connections, duration: ROUND_SECONDS, conversationOf });
    const cpuMsPerRequest = ((bot.cpuSeconds() - cpuBefore) * 1000) / Math.max(1, result.requests.total);
    peak = Math.max(peak, bot.rssNow());
    return { result, rssPeakMb: mb(peak), cpuMsPerRequest };
  } finally {
    clearInterval(sampler);
  }
}

/** Warm-ups, then rounds taken in turn; returns the median round of each bot (by req/s) with the largest peak RSS. */
async function compare(bots: BotProcess[], connections: number): Promise<Measured[]> {
  for (const bot of bots) await runLoad({ url: bot.url, connections, duration: WARMUP_SECONDS, conversationOf });
  const rounds: Measured[][] = bots.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, bot] of bots.entries()) rounds[index].push(await measure(bot, connections));
  }
  const median = (runs: Measured[]): Measured => {
    const sorted = [...runs].sort((a, b) => rate(a) - rate(b));
    return { ...sorted[Math.floor(sorted.length / 2)], rssPeakMb: Math.max(...runs.map((run) => run.rssPeakMb)) };
  };
  return rounds.map(median);
}

const rate = (m: Measured) => m.result.requests.total / m.result.duration;

function row(name: string, connections: number, m: Measured): string {
  const statuses = Object.entries(m.result.statusCodeStats)
    .map(([status, { count }]) => `${status}: ${count}`)
    .join(', ');
  return (
    `| ${name} | ${connections} | ${rate(m).toFixed(0)} | ${m.result.latency.p50} | ${m.result.latency.p99} | ${m.rssPeakMb.toFixed(0)} | ${m.cpuMsPerRequest.toFixed(2)} | ` +
    `${m.result.non2xx} non-2xx, ${m.result.errors} errors [${statuses}] |`
  );
}

/** Sums a Prometheus counter's samples by its one label, from /metrics text. */
async function counter(url: string, name: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const totals = new Map<string, number>();
  for (const match of text.matchAll(new RegExp(`^${name}\\{[^=]+="([^"]*)"[^}]*\\} (\\S+)$`, 'gm'))) {
    totals.set(match[1], (totals.get(match[1]) ?? 0) + Number(match[2]));
  }
  return totals;
}

const describeCounts = (counts: Map<string, number>) => ([...counts].map(([label, value]) => `${label} ${value}`).join(', ') || '0');

export async function benchHttp(): Promise<string[]> {
  const lines: string[] = [];
  const echo = await startBotProcess('echo', 'bench/echo-bot.ts');
  const started: BotProcess[] = [echo];
  try {
    const echoReusing = await startBotProcess('echo, clients reused', 'bench/echo-bot.ts', { ECHO_REUSE_CLIENTS: 'true' });
    started.push(echoReusing);
    const full = await startBotProcess('full', 'src/index.ts', FULL_BOT_ENV);
    started.push(full);
    for (const baseline of [echo, echoReusing]) {
      const echoed = await post(baseline.url, activity(0, MESSAGES[0], 'bench-check-echo'));
      if (echoed.status !== 200 || echoed.replies[0]?.text !== MESSAGES[0]) {
        throw new Error(`the ${baseline.name} bot did not echo: HTTP ${echoed.status}, ${JSON.stringify(echoed.replies)}`);
      }
    }
    const answered = await post(full.url, activity(0, MESSAGES[0], 'bench-check-full'));
    const entryId = answered.replies.find((reply) => reply.channelData?.entryId)?.channelData?.entryId;
    if (answered.status !== 200 || !entryId) {
      throw new Error(`the full bot did not answer "${MESSAGES[0]}" from the knowledge base: HTTP ${answered.status}, ${JSON.stringify(answered.replies)}`);
    }
    lines.push(
      `setup: bots in separate processes, autocannon in this one; per connection count ${WARMUP_SECONDS} s warm-up per bot, then ${ROUNDS} rounds of ${ROUND_SECONDS} s per bot taken in turn (median round shown, peak RSS over all rounds); ` +
        `${MESSAGES.length} messages over ${CONVERSATIONS} conversations; pre-check: the full bot answers "${MESSAGES[0]}" with ${entryId}. ` +
        `"echo, clients reused" reuses the Bot Framework's HTTP clients as the full bot does (the stock CloudAdapter builds two per activity).`,
      '',
      '| bot | connections | req/s | p50 ms | p99 ms | peak RSS MB | CPU ms/request | responses |',
      '|---|---|---|---|---|---|---|---|',
    );
    const ratios: string[] = [];
    for (const connections of CONNECTION_COUNTS) {
      const [echoRun, reusingRun, fullRun] = await compare([echo, echoReusing, full], connections);
      lines.push(row('echo', connections, echoRun), row('echo, clients reused', connections, reusingRun), row('full', connections, fullRun));
      for (const [name, baseline] of [
        ['echo', echoRun],
        ['echo, clients reused', reusingRun],
      ] as const) {
        ratios.push(
          `| ${connections} | ${name} | ${(rate(fullRun) / rate(baseline)).toFixed(2)}x | ${(fullRun.result.latency.p99 / baseline.result.latency.p99).toFixed(2)}x | ${(fullRun.rssPeakMb / baseline.rssPeakMb).toFixed(2)}x | ${(baseline.cpuMsPerRequest / fullRun.cpuMsPerRequest).toFixed(2)}x |`,
        );
      }
    }
    lines.push(
      '',
      '| connections | baseline | full/baseline req/s | full/baseline p99 | full/baseline RSS | baseline/full CPU per request (capacity ratio) |',
      '|---|---|---|---|---|---|',
      ...ratios,
      '',
    );
    lines.push(
      `full bot, all runs: decisions ${describeCounts(await counter(full.url, 'bot_decisions_total'))}; errors ${describeCounts(await counter(full.url, 'bot_errors_total'))}`,
    );
    return lines;
  } finally {
    await Promise.all(started.map((bot) => bot.stop()));
  }
}
