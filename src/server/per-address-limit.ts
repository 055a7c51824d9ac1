/**
 * Per-address rate limit on POST /api/messages, before the body is read: a raw flood
 * from one client gets 429 (with Retry-After) and costs almost nothing. The address is
 * the TCP peer's: X-Forwarded-For is whatever the client says, so it is not trusted.
 */
import type { Logger } from 'pino';
import type { Next, Request, RequestHandler, Response } from 'restify';
import { RateLimiter } from './rate-limit';

export function perAddressLimit(perMinute: number, logger: Logger): RequestHandler {
  const limiter = new RateLimiter(perMinute);
  return (req: Request, res: Response, next: Next) => {
    if (!limiter.enabled || req.method !== 'POST' || req.path() !== '/api/messages') return next();
    const address = req.socket.remoteAddress ?? 'unknown';
    if (limiter.take(address) === 'allow') return next();
    logger.debug({ ip: address }, 'rate limited');
    res.header('Retry-After', String(limiter.retryAfterSeconds()));
    res.json(429, { error: 'Too many requests' });
    return next(false);
  };
}
