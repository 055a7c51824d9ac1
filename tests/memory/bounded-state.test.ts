/**
 * Issue 11: memory state and per-conversation bookkeeping stay bounded. Before,
 * botbuilder's MemoryStorage kept every conversation and user forever (20,000
 * conversations: RSS 187 -> 340 MB).
 */
import { createStateStore, MemoryStateStore, StateConflictError } from '../../src/core/state';
import { loadConfig } from '../../src/config';
import { ConversationQueue } from '../../src/server/conversation-queue';
import { conversation, startTestServer } from '../integration/harness';

describe('MemoryStateStore', () => {
  it('keeps at most maxItems, dropping the least recently used first', async () => {
    const storage = new MemoryStateStore({ maxItems: 3, ttlMs: 60_000 });
    for (const [key, n] of [['a', 1], ['b', 2], ['c', 3]] as const) await storage.write(key, { n }, null);
    await storage.read(['a']); // a is now the most recently used
    await storage.write('d', { n: 4 }, null);
    expect(storage.size).toBe(3);
    expect([...(await storage.read(['a', 'b', 'c', 'd'])).keys()].sort()).toEqual(['a', 'c', 'd']);
  });

  it('forgets items idle longer than the time limit', async () => {
    let now = 1_000_000;
    const storage = new MemoryStateStore({ maxItems: 10, ttlMs: 1_000, now: () => now });
    await storage.write('a', { n: 1 }, null);
    await storage.write('b', { n: 2 }, null);
    now += 600;
    await storage.read(['a']);
    now += 600;
    expect([...(await storage.read(['a', 'b'])).keys()]).toEqual(['a']);
  });

  it('stores copies, and writes only over the version read (or only new items)', async () => {
    const storage = new MemoryStateStore({ maxItems: 10, ttlMs: 60_000 });
    const item = { n: 1, nested: { x: 1 } };
    await storage.write('k', item, null);
    item.nested.x = 2;
    const first = (await storage.read(['k'])).get('k');
    expect(first?.value).toEqual({ n: 1, nested: { x: 1 } });
    await expect(storage.write('k', { n: 9 }, null)).rejects.toBeInstanceOf(StateConflictError);
    await storage.write('k', { n: 2 }, first?.version ?? '');
    await expect(storage.write('k', { n: 3 }, first?.version ?? '')).rejects.toBeInstanceOf(StateConflictError);
    expect((await storage.read(['k'])).get('k')?.value).toEqual({ n: 2 });
    await storage.delete(['k']);
    expect((await storage.read(['k'])).size).toBe(0);
  });

  it('is what STORAGE=memory gives, with the configured bound', () => {
    const config = loadConfig({ MEMORY_STATE_MAX_ITEMS: '50' });
    expect(createStateStore(config.storage, config.memoryState)).toBeInstanceOf(MemoryStateStore);
  });
});

test('500 conversations through the real server leave at most MEMORY_STATE_MAX_ITEMS items (100 conversations) and an empty conversation queue', async () => {
  const config = loadConfig({ MEMORY_STATE_MAX_ITEMS: '100' });
  // Each conversation's first turn stores its conversation and its user: 2 items.
  const storage = createStateStore(config.storage, config.memoryState) as MemoryStateStore;
  const conversations = new ConversationQueue();
  const server = await startTestServer(
    { MEMORY_STATE_MAX_ITEMS: '100', RATE_LIMIT_IP_PER_MINUTE: '0' },
    { storage, conversations },
  );
  try {
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(Array.from({ length: 100 }, () => server.post(conversation().message('hoc bong pn gom nhung gi'))));
    }
    expect(storage.size).toBeLessThanOrEqual(100);
    expect(conversations.size).toBe(0);
  } finally {
    await server.close();
  }
});
