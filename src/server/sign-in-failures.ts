/**
 * Failed sign-ins (a wrong admin, metrics or staff token) per client address: each is
 * logged (route and address, never the token), and an address with `maxFailures` in the
 * window is refused with 429 until the window ends, even with the right token, so a
 * token cannot be guessed at the speed of the network. The address is the TCP peer's
 * (X-Forwarded-For is whatever the client says). At most MAX_ADDRESSES are remembered,
 * oldest first out, so a flood of addresses cannot grow memory.
 */
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';

const WINDOW_MS = 15 * 60_000;
const MAX_ADDRESSES = 10_000;

interface Window {
  failures: number;
  since: number;
}

export class SignInFailures {
  private readonly windows = new Map<string, Window>();

  /** maxFailures 0 = logged, never limited. */
  constructor(
    private readonly options: { maxFailures: number; logger: Logger; windowMs?: number; now?: () => number },
  ) {}

  private get windowMs(): number {
    return this.options.windowMs ?? WINDOW_MS;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window && this.now() - window.since >= this.windowMs) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  /** Seconds this address must wait before trying again; 0 when it may try now. */
  retryAfterSeconds(address: string): number {
    const window = this.current(address);
    if (!window || this.options.maxFailures === 0 || window.failures < this.options.maxFailures) return 0;
    return Math.max(1, Math.ceil((window.since + this.windowMs - this.now()) / 1000));
  }

  /** Counts and logs one failed attempt. */
  fail(address: string, route: string): void {
    const window = this.current(address) ?? { failures: 0, since: this.now() };
    window.failures += 1;
    this.windows.delete(address);
    this.windows.set(address, window);
    if (this.windows.size > MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value as string);
    const limited = this.options.maxFailures > 0 && window.failures >= this.options.maxFailures;
    this.options.logger.warn({ event: 'sign_in_failed', route, ip: address, failures: window.failures, limited }, 'sign-in failed');
  }

  /** The staff sign-in routes' hook (SignInAttempts in staff/sign-in.ts). */
  allow(req: Request): boolean {
    return this.retryAfterSeconds(addressOf(req)) === 0;
  }

  failed(req: Request, reason: string): void {
    this.fail(addressOf(req), `${req.path()} (${reason})`);
  }

  /**
   * For a route's handler: answers 429 with Retry-After and returns true when the request's
   * address is over its limit (the route then stops).
   */
  refuse(req: Request, res: Response): boolean {
    const wait = this.retryAfterSeconds(addressOf(req));
    if (wait === 0) return false;
    res.header('Retry-After', String(wait));
    res.json(429, { error: 'too_many_failed_sign_ins' });
    return true;
  }
}

export function addressOf(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}
