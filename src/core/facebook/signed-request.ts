/**
 * Meta's `signed_request` (the data deletion callback's body): `<signature>.<payload>`, both
 * base64url, where the signature is HMAC-SHA256 of the payload's text with the app secret
 * and the payload is JSON with `algorithm`, `user_id` and `issued_at`. The signature is
 * checked (constant time, after a length check) before the payload is read at all.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Longer than any request Meta sends (a payload of three short fields): refused unread. */
export const MAX_SIGNED_REQUEST_LENGTH = 4096;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export interface VerifiedRequest {
  /** The app-scoped id of the person (not the page-scoped id Messenger gives the bot). */
  userId: string;
  /** When Meta issued the request (seconds since 1970). */
  issuedAt: number;
  /** The same for a replay of this request: a hash of the user id and the time it was issued. */
  requestKey: string;
}

export type SignedRequestProblem = 'malformed' | 'signature' | 'algorithm';

export type SignedRequestResult = { ok: true; request: VerifiedRequest } | { ok: false; problem: SignedRequestProblem };

export function verifySignedRequest(signedRequest: string, appSecret: string): SignedRequestResult {
  if (signedRequest.length > MAX_SIGNED_REQUEST_LENGTH) return { ok: false, problem: 'malformed' };
  const parts = signedRequest.split('.');
  if (parts.length !== 2 || !parts.every((part) => BASE64URL.test(part))) return { ok: false, problem: 'malformed' };
  const [signaturePart, payloadPart] = parts;
  const signature = Buffer.from(signaturePart, 'base64url');
  const expected = createHmac('sha256', appSecret).update(payloadPart).digest();
  // timingSafeEqual throws on different lengths: a short signature is simply wrong.
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return { ok: false, problem: 'signature' };

  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, problem: 'malformed' };
  const fields = payload as Record<string, unknown>;
  if (typeof fields.algorithm !== 'string' || fields.algorithm.toUpperCase() !== 'HMAC-SHA256') return { ok: false, problem: 'algorithm' };
  const userId = typeof fields.user_id === 'number' ? String(fields.user_id) : fields.user_id;
  if (typeof userId !== 'string' || !/^[\w-]{1,128}$/.test(userId)) return { ok: false, problem: 'malformed' };
  const issuedAt = fields.issued_at;
  if (typeof issuedAt !== 'number' || !Number.isSafeInteger(issuedAt) || issuedAt <= 0) return { ok: false, problem: 'malformed' };
  const requestKey = createHash('sha256').update(`facebook-data-deletion\n${userId}\n${issuedAt}`).digest('hex');
  return { ok: true, request: { userId, issuedAt, requestKey } };
}

/** A signed request as Meta makes one (tests, and scripts that try the callback). */
export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const payloadPart = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', appSecret).update(payloadPart).digest('base64url');
  return `${signature}.${payloadPart}`;
}
