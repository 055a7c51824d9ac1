/**
 * Memory against the number of conversations: a fresh full bot (its own process) gets
 * 1,000 conversations of one message each, then 19,000 more; RSS is read after a full
 * garbage collection at both points. Bounded state should keep the two close.
 */
import { runLoad } from './load';
import { FULL_BOT_ENV } from './http';
import { startBotProcess } from './processes';

const FIRST = 1_000;
const TOTAL = 20_000;
const CONNECTIONS = 10;

export async function benchConversations(): Promise<string[]> {
  const full = await startBotProcess('full', 'src/index.ts', FULL_BOT_ENV);
  try {
    const conversationOf = (offset: number) => (n: number) => `mem-conv-${offset + n}`;
    const first = await runLoad({ url: full.url, connections: CONNECTIONS, amount: FIRST, conversationOf: conversationOf(0) });
    const rssFirst = await full.rssAfterGc();
    const rest = await runLoad({ url: full.url, connections: CONNECTIONS, amount: TOTAL - FIRST, conversationOf: conversationOf(FIRST) });
    const rssTotal = await full.rssAfterGc();
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    const failed = first.non2xx + first.errors + rest.non2xx + rest.errors;
    return [
      `full bot RSS after a full GC: ${mb(rssFirst)} MB after ${FIRST.toLocaleString('en')} conversations, ${mb(rssTotal)} MB after ${TOTAL.toLocaleString('en')} ` +
        `(${((rssTotal / rssFirst - 1) * 100).toFixed(1)}%); ${failed} failed requests`,
    ];
  } finally {
    await full.stop();
  }
}
