/**
 * The console's cookies: `__Host-` names (Secure, Path=/, no Domain: only this host, only
 * over HTTPS; Chromium also accepts them on http://localhost and http://127.0.0.1, which it
 * treats as secure contexts: tested in tests/browser/staff-console.test.ts),
 * HttpOnly, SameSite=Lax (Strict would drop the cookie on the return from Microsoft).
 * The session cookie holds a session id signed with the shared secret; the sign-in cookie
 * holds the OpenID Connect state, nonce and PKCE verifier, encrypted (AES-256-GCM) so
 * any instance can finish a sign-in another began.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = '__Host-pn-staff';
export const SIGN_IN_COOKIE = '__Host-pn-staff-signin';

export class CookieKeys {
  private readonly signing: Buffer;
  private readonly sealing: Buffer;

  constructor(secret: string) {
    // One secret, two keys: a signature can never be replayed as a sealed value or the other way.
    const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'pn-staff-cookies', purpose, 32));
    this.signing = derive('session-id');
    this.sealing = derive('sign-in-transaction');
  }

  sign(value: string): string {
    return `${value}.${createHmac('sha256', this.signing).update(value).digest('base64url')}`;
  }

  /** The value when the signature holds, else undefined. */
  verify(signed: string): string | undefined {
    const dot = signed.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const value = signed.slice(0, dot);
    const expected = Buffer.from(this.sign(value));
    const given = Buffer.from(signed);
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  seal(data: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealing, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The sealed data, or undefined when it was altered or sealed with another secret. */
  unseal<T>(sealed: string): T | undefined {
    try {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.sealing, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value; `maxAgeSeconds` 0 removes the cookie. */
export function cookieHeader(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; Secure; HttpOnly; SameSite=Lax`;
}
