/**
 * Staff sign-in with Entra ID, end to end: the real bot (src/index.ts) and a real OpenID
 * Connect provider (oidc-provider) issuing `tid`, `oid` and `roles` as Entra does, each in
 * its own process. A right account signs in; a wrong tenant, a missing role, a tampered
 * state and a replayed code all fail, are audited, and leave no session.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACCOUNTS, CookieJar, follow, freePort, startBotProcess, startProvider, TENANT, type AccountName, type BotProcess, type TestProvider } from '../helpers/staff-sign-in';

const SESSION_COOKIE = '__Host-pn-staff';
const SIGN_IN_COOKIE = '__Host-pn-staff-signin';

describe('Entra ID sign-in (OpenID Connect against a local provider)', () => {
  let provider: TestProvider;
  let bot: BotProcess;

  beforeAll(async () => {
    const port = await freePort();
    provider = await startProvider(`http://127.0.0.1:${port}/staff/auth/callback`);
    bot = await startBotProcess(port, provider.issuer);
  }, 180_000);
  afterAll(async () => {
    await bot?.stop();
    await provider?.stop();
  });

  const audit = (): { actor: string; action: string; details?: Record<string, unknown> }[] =>
    readFileSync(path.join(bot.dataDir, 'staff-audit.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { actor: string; action: string; details?: Record<string, unknown> });

  async function signIn(account: AccountName): Promise<{ jar: CookieJar; url: string }> {
    await provider.signInAs(account);
    const jar = new CookieJar();
    const { url } = await follow(jar, `${bot.url}/staff/auth/login`);
    return { jar, url };
  }

  const get = (jar: CookieJar, route: string) => fetch(`${bot.url}${route}`, { headers: { Cookie: jar.header(bot.url) } });

  it('signs in an officer with both roles: a session cookie, the name for display, the tid:oid in the audit log', async () => {
    const { jar, url } = await signIn('officer');
    expect(url).toBe(`${bot.url}/staff`);
    expect(jar.get(bot.url, SESSION_COOKIE)).toBeDefined();
    expect(jar.get(bot.url, SIGN_IN_COOKIE)).toBeUndefined();
    const session = (await (await get(jar, '/staff/auth/session')).json()) as { user: { name: string; roles: string[] }; csrf: string };
    expect(session.user).toEqual({ name: ACCOUNTS.officer.name, roles: ['Staff.Content', 'Staff.Leads'] });
    expect(session.csrf).toEqual(expect.any(String));
    expect((await get(jar, '/staff/api/leads')).status).toBe(200);

    const signIns = audit().filter((event) => event.action === 'signIn');
    expect(signIns).toContainEqual(expect.objectContaining({ actor: `${TENANT}:${ACCOUNTS.officer.oid}`, details: expect.objectContaining({ method: 'entra' }) }));
    // The e-mail is for display only: never in the log.
    expect(JSON.stringify(audit())).not.toContain('lan@pn.example');
  });

  it('gives each route its role: a Staff.Content account gets the report but not the leads', async () => {
    const { jar, url } = await signIn('writer');
    expect(url).toBe(`${bot.url}/staff`);
    const leads = await get(jar, '/staff/api/leads');
    expect([leads.status, await leads.json()]).toEqual([403, { error: 'role_required', role: 'Staff.Leads' }]);
    expect((await get(jar, '/staff/api/report')).status).toBe(200);
  });

  it.each([
    ['noRole', 'role'],
    ['otherTenant', 'tenant'],
  ] as const)('refuses %s (%s): back to /staff with the reason, no session, audited', async (account, reason) => {
    const { jar, url } = await signIn(account);
    expect(url).toBe(`${bot.url}/staff?signin=${reason}`);
    expect(jar.get(bot.url, SESSION_COOKIE)).toBeUndefined();
    expect((await get(jar, '/staff/auth/session').then((response) => response.json())) as { user: unknown }).toMatchObject({ user: null });
    expect(audit()).toContainEqual(expect.objectContaining({ action: 'signInFailed', actor: `${ACCOUNTS[account].tid}:${ACCOUNTS[account].oid}`, details: { reason } }));
  });

  it('refuses a tampered state and a callback this browser did not start', async () => {
    await provider.signInAs('officer');
    const jar = new CookieJar();
    const { url: callback } = await follow(jar, `${bot.url}/staff/auth/login`, (next) => next.startsWith(`${bot.url}/staff/auth/callback`));
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    const result = await follow(jar, tampered.href);
    expect(result.url).toBe(`${bot.url}/staff?signin=state`);
    expect(jar.get(bot.url, SESSION_COOKIE)).toBeUndefined();

    const stranger = new CookieJar();
    expect((await follow(stranger, callback)).url).toBe(`${bot.url}/staff?signin=state`);
    expect(stranger.get(bot.url, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a replayed code, even with the sign-in cookie it came with', async () => {
    await provider.signInAs('officer');
    const jar = new CookieJar();
    const { url: callback } = await follow(jar, `${bot.url}/staff/auth/login`, (next) => next.startsWith(`${bot.url}/staff/auth/callback`));
    const transaction = jar.get(bot.url, SIGN_IN_COOKIE) as string;
    expect((await follow(jar, callback)).url).toBe(`${bot.url}/staff`);
    expect(jar.get(bot.url, SESSION_COOKIE)).toBeDefined();

    const attacker = new CookieJar();
    attacker.set(bot.url, SIGN_IN_COOKIE, transaction);
    expect((await follow(attacker, callback)).url).toBe(`${bot.url}/staff?signin=provider`);
    expect(attacker.get(bot.url, SESSION_COOKIE)).toBeUndefined();
    expect(audit()).toContainEqual(expect.objectContaining({ action: 'signInFailed', details: { reason: 'provider' } }));
  });

  it('never trusts identity headers a proxy might add', async () => {
    const headers = {
      'X-MS-CLIENT-PRINCIPAL-NAME': 'lan@pn.example',
      'X-MS-CLIENT-PRINCIPAL-ID': ACCOUNTS.officer.oid,
      'X-MS-CLIENT-PRINCIPAL': Buffer.from(JSON.stringify({ claims: [{ typ: 'roles', val: 'Staff.Leads' }] })).toString('base64'),
      'X-Forwarded-User': 'lan@pn.example',
    };
    const response = await fetch(`${bot.url}/staff/api/leads`, { headers });
    expect(response.status).toBe(401);
  });
});
