/**
 * Issue 11: memory state and per-conversation bookkeeping stay bounded. Before,
 * botbuilder's MemoryStorage kept every conversation and user forever (20,000
 * conversations: RSS 187 -> 340 MB).
 */
import { MemoryStorage } from 'botbuilder';
import { BoundedMemoryStorage, createStorage } from '../../src/bot/storage';
import { loadConfig } from '../../src/config';
import { ConversationQueue } from '../../src/server/conversation-queue';
import { conversation, startTestServer } from '../integration/harness';

describe('BoundedMemoryStorage', () => {
  it('keeps at most maxItems, dropping the least recently used first', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 3, ttlMs: 60_000 });
    await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
    await storage.read(['a']); // a is now the most recently used
    await storage.write({ d: { n: 4 } });
    expect(storage.size).toBe(3);
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
  });

  it('forgets items idle longer than the time limit', async () => {
    let now = 1_000_000;
    const storage = new BoundedMemoryStorage({ maxItems: 10, ttlMs: 1_000, now: () => now });
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    now += 600;
    await storage.read(['a']);
    now += 600;
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['a']);
  });

  it('behaves like MemoryStorage otherwise: copies, eTags, conflicts, delete', async () => {
    for (const storage of [new MemoryStorage(), new BoundedMemoryStorage({ maxItems: 10, ttlMs: 60_000 })]) {
      const item = { n: 1, nested: { x: 1 } };
      await storage.write({ k: item });
      item.nested.x = 2;
      const first = (await storage.read(['k'])).k as { n: number; nested: { x: number }; eTag: string };
      expect(first).toMatchObject({ n: 1, nested: { x: 1 } });
      expect(typeof first.eTag).toBe('string');
      await storage.write({ k: { ...first, n: 2 } });
      await expect(storage.write({ k: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
      await storage.write({ k: { n: 4, eTag: '*' } });
      expect((await storage.read(['k'])).k).toMatchObject({ n: 4 });
      await storage.delete(['k']);
      expect(await storage.read(['k'])).toEqual({});
    }
  });

  it('is what STORAGE=memory gives, with the configured bound', () => {
    const storage = createStorage(loadConfig({ MEMORY_STATE_MAX_ITEMS: '50' }));
    expect(storage).toBeInstanceOf(BoundedMemoryStorage);
  });
});

test('500 conversations through the real server leave at most MEMORY_STATE_MAX_ITEMS items (100 conversations) and an empty conversation queue', async () => {
  const config = loadConfig({ MEMORY_STATE_MAX_ITEMS: '100' });
  // Each conversation's first turn stores its conversation and its user: 2 items.
  const storage = createStorage(config) as BoundedMemoryStorage;
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
