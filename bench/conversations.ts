/**
 * Memory against the number of conversations: a fresh full bot (its own process) gets
 * new conversations of one message each, and its memory is read after a full garbage
 * collection at 1,000, 10,000 and 20,000 conversations. Bounded state should keep them
 * close. The JS heap is shown beside RSS: RSS also holds memory the allocator keeps
 * after it is freed.
 */
import { runLoad } from './load';
import { FULL_BOT_ENV } from './http';
import { startBotProcess } from './processes';

const CHECKPOINTS = [1_000, 10_000, 20_000];
const CONNECTIONS = 10;

interface Point {
  conversations: number;
  rss: number;
  heapUsed: number;
}

async function measure(name: string, entry: string, env: Record<string, string>): Promise<{ points: Point[]; failed: number }> {
  const bot = await startBotProcess(name, entry, env);
  try {
    const points: Point[] = [];
    let done = 0;
    let failed = 0;
    for (const checkpoint of CHECKPOINTS) {
      const offset = done;
      const result = await runLoad({ url: bot.url, connections: CONNECTIONS, amount: checkpoint - done, conversationOf: (n) => `mem-conv-${offset + n}` });
      failed += result.non2xx + result.errors;
      done = checkpoint;
      points.push({ conversations: checkpoint, ...(await bot.memoryAfterGc()) });
    }
    return { points, failed };
  } finally {
    await bot.stop();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const change = (after: number, before: number) => `${after >= before ? '+' : ''}${((after / before - 1) * 100).toFixed(1)}%`;

export async function benchConversations(): Promise<string[]> {
  const echo = await measure('echo', 'bench/echo-bot.ts', {});
  const full = await measure('full', 'src/index.ts', FULL_BOT_ENV);
  const header = `| bot, memory after a full GC | ${CHECKPOINTS.map((n) => `after ${n.toLocaleString('en')} conversations`).join(' | ')} | ${CHECKPOINTS[CHECKPOINTS.length - 1].toLocaleString('en')} vs ${CHECKPOINTS[0].toLocaleString('en')} |`;
  const row = (label: string, points: Point[], value: (p: Point) => number) =>
    `| ${label} | ${points.map((p) => mb(value(p))).join(' | ')} | ${change(value(points[points.length - 1]), value(points[0]))} |`;
  return [
    header,
    `|---|${CHECKPOINTS.map(() => '---|').join('')}---|`,
    row('full bot: RSS', full.points, (p) => p.rss),
    row('full bot: JS heap in use', full.points, (p) => p.heapUsed),
    row('echo bot: RSS', echo.points, (p) => p.rss),
    row('echo bot: JS heap in use', echo.points, (p) => p.heapUsed),
    '',
    `${echo.failed + full.failed} failed requests`,
  ];
}
