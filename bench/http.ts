/**
 * npm run bench, HTTP part: POST /api/messages under load (autocannon, 10 connections,
 * loopback only), first on a bare echo bot (bench/echo-bot.ts) measured in the same run,
 * then on the full bot (createApp with the real content and memory state).
 * Each gets a warm-up run, then a fixed-length measured run; we print requests/s,
 * p50/p99 latency, non-2xx, connection errors and the peak RSS of this process, then
 * full/echo ratios. Before the load, the full bot must answer a question from the
 * knowledge base (channelData.entryId), so the numbers can't come from error replies;
 * the bot's own counters then show how the turns under load were decided.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { RunningServer } from '../src/server/server';
import { startEchoBot, type EchoServer } from './echo-bot';

const ROOT = path.resolve(__dirname, '..');
const CONNECTIONS = 10;
const WARMUP_SECONDS = 2;
const MEASURED_SECONDS = 8;
const CONVERSATIONS = 50;
const RSS_SAMPLE_MS = 100;

/** What students send: Vietnamese with and without accents, teencode, English, and one off-topic. */
const MESSAGES = [
  'Học bổng PN có bao gồm chỗ ở không ạ?',
  'hoc bong pn co bao gom cho o ko ad',
  'hoc pn co mat phi ko z',
  'visa ky su nhat can bang dai hoc ko',
  'How long is the PN program?',
  'Chứng chỉ AZ-900 có hết hạn không ạ',
  'What does the Microsoft certification exam cost?',
  'cách nấu bún bò huế ngon',
];

// --- autocannon 8 ships no types: the part of its API used here. ---
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest, context: Record<string, unknown>) => CannonRequest;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  method: string;
  headers: Record<string, string>;
  requests: CannonRequest[];
  timeout: number;
}
interface Histogram {
  p50: number;
  p99: number;
}
interface CannonResult {
  duration: number;
  latency: Histogram;
  requests: Histogram & { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: CannonOptions) => Promise<CannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

let sent = 0;

/** Message number `n`, as Web Chat posts it; under load, conversations (and their users) come round-robin. */
function activity(n: number, text: string, conversationId = `bench-conv-${n % CONVERSATIONS}`): Record<string, unknown> {
  return {
    type: 'message',
    id: `bench-${n}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:1',
    conversation: { id: conversationId },
    from: { id: `user-${conversationId}`, name: 'Student', role: 'user' },
    recipient: { id: 'pn-bot', name: 'PN', role: 'bot' },
    deliveryMode: 'expectReplies',
    text,
  };
}

/** Every request goes through setupRequest, which gives it the next conversation id. */
const requests: CannonRequest[] = MESSAGES.map((text) => ({
  setupRequest: (request) => ({ ...request, body: JSON.stringify(activity(sent++, text)) }),
}));

interface LoadResult {
  result: CannonResult;
  rssBeforeMb: number;
  rssPeakMb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * A full garbage collection before each measured run, so its RSS is this benchmark's and
 * not what the search benchmark left behind (its 1,000-entry index is hundreds of MB).
 * Twice: the first frees the objects, the second gives the emptied pages back to the system
 * (one alone left RSS where it was). Without --expose-gc, the flag is turned on at run time
 * and `gc` read from a new context.
 */
function collectGarbage(): void {
  if (typeof globalThis.gc !== 'function') setFlagsFromString('--expose-gc');
  const gc = (globalThis.gc ?? runInNewContext('gc')) as () => void;
  gc();
  gc();
}

/** A warm-up run, then a full GC and the measured run with RSS sampled every 100 ms; `beforeMeasured` runs in between. */
async function load(url: string, beforeMeasured: () => Promise<void> = async () => undefined): Promise<LoadResult> {
  const options = (duration: number): CannonOptions => ({
    url: `${url}/api/messages`,
    connections: CONNECTIONS,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests,
    timeout: 10,
  });
  await autocannon(options(WARMUP_SECONDS));
  await beforeMeasured();
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  try {
    const result = await autocannon(options(MEASURED_SECONDS));
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    return { result, rssBeforeMb: mb(rssBefore), rssPeakMb: mb(rssPeak) };
  } finally {
    clearInterval(sampler);
  }
}

function describe(name: string, { result, rssBeforeMb, rssPeakMb }: LoadResult): string {
  const perSecond = result.requests.total / result.duration;
  const statuses = Object.entries(result.statusCodeStats)
    .map(([status, { count }]) => `${status}: ${count}`)
    .join(', ');
  return (
    `${name}: ${perSecond.toFixed(0)} req/s (${result.requests.total} in ${result.duration.toFixed(1)} s), ` +
    `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms | non-2xx ${result.non2xx}, errors ${result.errors} (timeouts ${result.timeouts}) [${statuses}]` +
    ` | peak RSS ${rssPeakMb.toFixed(0)} MB (${rssBeforeMb.toFixed(0)} MB at the start, after a full GC)`
  );
}

interface Reply {
  text?: string;
  channelData?: { entryId?: string | null };
}

async function post(url: string, body: Record<string, unknown>): Promise<{ status: number; replies: Reply[] }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as { activities?: Reply[] }) : {};
  return { status: response.status, replies: parsed.activities ?? [] };
}

/** Sums a counter's values by label, e.g. decisions by kind. */
async function counts(counter: RunningServer['metrics']['errors'] | RunningServer['metrics']['decisions']): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const { labels, value } of (await counter.get()).values) {
    const label = String(Object.values(labels)[0] ?? '');
    totals.set(label, (totals.get(label) ?? 0) + value);
  }
  return totals;
}

function difference(after: Map<string, number>, before: Map<string, number>): string {
  const parts = [...after].map(([label, value]) => `${label} ${value - (before.get(label) ?? 0)}`);
  return parts.length > 0 ? parts.join(', ') : '0';
}

export async function benchHttp(): Promise<string[]> {
  const lines: string[] = [];
  let echo: EchoServer | undefined;
  let full: RunningServer | undefined;
  try {
    echo = await startEchoBot();
    const echoed = await post(echo.url, activity(0, MESSAGES[0], 'bench-check-echo'));
    if (echoed.status !== 200 || echoed.replies[0]?.text !== MESSAGES[0]) {
      throw new Error(`the echo bot did not echo: HTTP ${echoed.status}, ${JSON.stringify(echoed.replies)}`);
    }

    // The app production runs (src/app.ts), with memory state and a throw-away data folder.
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      WATCH_CONTENT: 'false',
      KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
      DIALOGS_DIR: path.join(ROOT, 'dialogs'),
      LOCALES_DIR: path.join(ROOT, 'locales'),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bench-data-')),
    });
    const app = await createApp(config, { storage: new MemoryStorage(), logger: pino({ level: 'silent' }), host: '127.0.0.1' });
    full = await app.start();
    const answered = await post(full.url, activity(0, MESSAGES[0], 'bench-check-full'));
    const entryId = answered.replies.find((reply) => reply.channelData?.entryId)?.channelData?.entryId;
    if (answered.status !== 200 || !entryId) {
      throw new Error(`the full bot did not answer "${MESSAGES[0]}" from the knowledge base: HTTP ${answered.status}, ${JSON.stringify(answered.replies)}`);
    }
    lines.push(
      `setup: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${MEASURED_SECONDS} s measured per bot, ${MESSAGES.length} messages over ${CONVERSATIONS} conversations; ` +
        `pre-check: the full bot answers "${MESSAGES[0]}" with ${entryId}`,
    );

    const echoLoad = await load(echo.url);
    lines.push(describe('echo bot (baseline)', echoLoad));

    let decisionsBefore = new Map<string, number>();
    let errorsBefore = new Map<string, number>();
    const metrics = full.metrics;
    const fullLoad = await load(full.url, async () => {
      decisionsBefore = await counts(metrics.decisions);
      errorsBefore = await counts(metrics.errors);
    });
    lines.push(describe('full bot', fullLoad));
    lines.push(
      `full bot, measured run: decisions ${difference(await counts(full.metrics.decisions), decisionsBefore)}; ` +
        `errors ${difference(await counts(full.metrics.errors), errorsBefore)}`,
    );

    const echoRate = echoLoad.result.requests.total / echoLoad.result.duration;
    const fullRate = fullLoad.result.requests.total / fullLoad.result.duration;
    lines.push(
      `ratio full/echo: req/s ${(fullRate / echoRate).toFixed(2)}x, p99 ${(fullLoad.result.latency.p99 / echoLoad.result.latency.p99).toFixed(2)}x`,
      'reference (shared/DESIGN.md): a bare echo bot ~2,000 req/s on one core, p99 15-25 ms, RSS ~240 MB; RSS here is the whole process (both servers and autocannon)',
    );
    return lines;
  } finally {
    await Promise.all([echo?.close(), full?.close(1_000)]);
  }
}
