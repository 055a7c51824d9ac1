/**
 * Token buckets per key (a conversation, a client address): up to `perMinute` at once,
 * refilled at `perMinute` a minute. At most MAX_KEYS buckets are kept, least recently used
 * dropped first, so a flood of new keys cannot grow memory without bound; a bucket idle
 * for two minutes is full again anyway, so it is dropped too.
 *
 * A Map in order of last use rather than lru-cache: lru-cache allocates its whole capacity
 * up front (about 4 MB for 100,000 keys, twice: per conversation and per address), and a
 * bot mostly holds a few hundred live buckets.
 */

interface Bucket {
  tokens: number;
  at: number;
  /** When this key was last told to slow down (per-conversation notices). */
  noticedAt?: number;
}

export type RateDecision = 'allow' | 'notice' | 'reject';

const MAX_KEYS = 100_000;
/** Over the cap, buckets are dropped down to this share of it, so a flood of new keys prunes now and then, not on every message. */
const PRUNE_TO = 0.9;
/** Idle buckets are looked for at most this often: a Map's deleted slots make each look walk from its start. */
const PRUNE_EVERY_MS = 10_000;
const IDLE_MS = 2 * 60_000;
const MINUTE_MS = 60_000;

export class RateLimiter {
  /** Least recently used first (a Map keeps insertion order; each use moves its key to the end). */
  private readonly buckets = new Map<string, Bucket>();
  private prunedAt = -Infinity;

  /** perMinute 0 = no limit. */
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** How many buckets are kept. */
  get size(): number {
    return this.buckets.size;
  }

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /**
   * 'allow' takes a token. Over the limit: 'notice' the first time in a minute (the
   * caller tells the user once), 'reject' after that (no reply: a flood gets nothing back).
   */
  take(key: string): RateDecision {
    if (!this.enabled) return 'allow';
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / MINUTE_MS);
    bucket.at = now;
    let decision: RateDecision;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      decision = 'allow';
    } else if (bucket.noticedAt === undefined || now - bucket.noticedAt >= MINUTE_MS) {
      bucket.noticedAt = now;
      decision = 'notice';
    } else {
      decision = 'reject';
    }
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys || now - this.prunedAt >= PRUNE_EVERY_MS) this.prune(now);
    return decision;
  }

  /** Drops the least recently used buckets: those over the cap, and those idle long enough to be full again. */
  private prune(now: number): void {
    this.prunedAt = now;
    const keep = this.buckets.size > this.maxKeys ? Math.floor(this.maxKeys * PRUNE_TO) : this.maxKeys;
    for (const [key, bucket] of this.buckets) {
      if (this.buckets.size <= keep && now - bucket.at < IDLE_MS) return;
      this.buckets.delete(key);
    }
  }

  /** Seconds until the next token, for Retry-After. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(MINUTE_MS / Math.max(1, this.perMinute) / 1000));
  }
}
