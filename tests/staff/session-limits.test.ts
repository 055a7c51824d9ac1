/** Session limits, without a server: 1 hour idle, 8 hours in all, and a cookie signed with another secret is nobody. */
import type { Request } from 'restify';
import { MemorySessionStore, newSession } from '../../src/core/staff/sessions';
import { CookieKeys, SESSION_COOKIE } from '../../src/server/staff/cookies';
import { createStaffGuard } from '../../src/server/staff/guard';

const SECRET = 'a-session-secret-shared-by-every-instance-0123456789';
const MINUTE = 60_000;

function requestWith(cookie: string): Request {
  const headers: Record<string, string> = { cookie };
  return { header: (name: string) => headers[name.toLowerCase()], headers } as unknown as Request;
}

describe('staff session limits', () => {
  let clock = Date.parse('2026-12-03T08:00:00Z');
  const store = new MemorySessionStore(() => clock);
  const keys = new CookieKeys(SECRET);
  const guard = createStaffGuard({ sessions: { store, keys, now: () => clock } });
  const officer = { actor: 'tid:oid', displayName: 'Lan', roles: ['Staff.Leads'], via: 'session' as const };

  async function signedIn(): Promise<string> {
    const session = newSession(officer, clock);
    await store.put(session);
    return `${SESSION_COOKIE}=${keys.sign(session.id)}`;
  }

  it('ends a session after an hour without a request', async () => {
    const cookie = await signedIn();
    clock += 59 * MINUTE;
    expect((await guard.load(requestWith(cookie)))?.actor).toBe('tid:oid');
    clock += 59 * MINUTE;
    expect((await guard.load(requestWith(cookie)))?.actor).toBe('tid:oid');
    clock += 61 * MINUTE;
    expect(await guard.load(requestWith(cookie))).toBeUndefined();
  });

  it('ends a busy session 8 hours after sign-in', async () => {
    const cookie = await signedIn();
    for (let minutes = 0; minutes < 8 * 60 - 30; minutes += 30) {
      clock += 30 * MINUTE;
      expect((await guard.load(requestWith(cookie)))?.actor).toBe('tid:oid');
    }
    clock += 31 * MINUTE;
    expect(await guard.load(requestWith(cookie))).toBeUndefined();
  });

  it('refuses a session id signed with another secret', async () => {
    const session = newSession(officer, clock);
    await store.put(session);
    const other = new CookieKeys('another-secret-of-at-least-thirty-two-characters');
    expect(await guard.load(requestWith(`${SESSION_COOKIE}=${other.sign(session.id)}`))).toBeUndefined();
    expect((await guard.load(requestWith(`${SESSION_COOKIE}=${keys.sign(session.id)}`)))?.roles).toEqual(['Staff.Leads']);
  });

  it('refuses a sealed sign-in transaction that was altered', () => {
    const sealed = keys.seal({ state: 's', nonce: 'n' });
    expect(keys.unseal(sealed)).toEqual({ state: 's', nonce: 'n' });
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[flipped.length - 1] ^= 1;
    expect(keys.unseal(flipped.toString('base64url'))).toBeUndefined();
  });
});
