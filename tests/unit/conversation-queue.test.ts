import { ConversationQueue } from '../../src/server/conversation-queue';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConversationQueue', () => {
  it('runs the turns of one conversation one after another, and other conversations alongside', async () => {
    const queue = new ConversationQueue();
    const events: string[] = [];
    const turn = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await tick(ms);
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.run('a', turn('a1', 30)), queue.run('a', turn('a2', 1)), queue.run('b', turn('b1', 1))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
    expect(events.indexOf('b1 end')).toBeLessThan(events.indexOf('a1 end'));
  });

  it('goes on after a failed turn and forgets idle conversations', async () => {
    const queue = new ConversationQueue();
    await expect(queue.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
    await tick(0);
    expect(queue.size).toBe(0);
  });
});
