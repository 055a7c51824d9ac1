/**
 * Token buckets per key (a conversation, a client address): up to `perMinute` at once,
 * refilled at `perMinute` a minute. The buckets live in an LRU so a flood of new keys
 * cannot grow memory without bound; a bucket idle for two minutes is full again anyway.
 */
import { LRUCache } from 'lru-cache';

interface Bucket {
  tokens: number;
  at: number;
  /** When this key was last told to slow down (per-conversation notices). */
  noticedAt?: number;
}

export type RateDecision = 'allow' | 'notice' | 'reject';

const MAX_KEYS = 100_000;
const IDLE_MS = 2 * 60_000;
const MINUTE_MS = 60_000;

export class RateLimiter {
  private readonly buckets = new LRUCache<string, Bucket>({ max: MAX_KEYS, ttl: IDLE_MS });

  /** perMinute 0 = no limit. */
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

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
    return decision;
  }

  /** Seconds until the next token, for Retry-After. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(MINUTE_MS / Math.max(1, this.perMinute) / 1000));
  }
}
