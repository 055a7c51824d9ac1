import { RateLimiter } from '../../src/server/rate-limit';

describe('RateLimiter', () => {
  it('allows perMinute at once, notices once, then rejects, and refills with time', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect(['a', 'a', 'a'].map((key) => limiter.take(key))).toEqual(['allow', 'allow', 'allow']);
    expect(limiter.take('a')).toBe('notice');
    expect(limiter.take('a')).toBe('reject');
    expect(limiter.take('b')).toBe('allow');
    now += 20_000; // a third of a minute: one token back
    expect(limiter.take('a')).toBe('allow');
    expect(limiter.take('a')).toBe('reject');
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const limiter = new RateLimiter(2, () => 0, 3);
    for (const key of ['a', 'a', 'b', 'b', 'c', 'c']) expect(limiter.take(key)).toBe('allow'); // every bucket empty
    expect(limiter.take('a')).toBe('notice'); // a becomes the most recently used
    expect(limiter.take('d')).toBe('allow'); // a fourth key: b, least recently used, is dropped (c too: down to 90% of the cap)
    expect(limiter.size).toBeLessThanOrEqual(3);
    expect(limiter.take('b')).toBe('allow'); // a fresh bucket (kept, it would be 'notice')
    expect(limiter.take('a')).toBe('reject'); // kept, already noticed
  });

  it('stays within the cap under a flood of new keys', () => {
    const limiter = new RateLimiter(5, () => 0, 1000);
    for (let i = 0; i < 20_000; i++) limiter.take(`flood-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(1000);
    expect(limiter.size).toBeGreaterThanOrEqual(900);
  });

  it('forgets buckets idle for two minutes (they would be full again)', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    for (let i = 0; i < 50; i++) limiter.take(`key-${i}`);
    now += 2 * 60_000;
    limiter.take('fresh');
    expect(limiter.size).toBe(1);
  });

  it('with perMinute 0 allows everything and keeps nothing', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 100; i++) expect(limiter.take('a')).toBe('allow');
    expect(limiter.size).toBe(0);
  });
});
