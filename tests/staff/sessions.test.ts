/**
 * Staff sessions over HTTP (token sign-in; the Entra path is in entra-sign-in.test.ts):
 * the cookie's attributes, a new id at every sign-in, CSRF and Origin on every change,
 * forged cookies, sign-out, and leads: status, export, delete, all audited without names.
 */
import { startTestServer, type TestServer } from '../integration/harness';
import type { StoredRecord } from '../../src/core/records';

const TOKEN = 'a-staff-token-of-at-least-32-characters';
const HOSTILE = '<img src=x onerror=alert(1)>';

async function readAll(server: TestServer, kind: StoredRecord['kind']): Promise<StoredRecord[]> {
  await server.app.records.flush();
  const out: StoredRecord[] = [];
  for await (const record of server.app.records.read(kind)) out.push(record);
  return out;
}

describe('staff sessions and leads', () => {
  let server: TestServer;
  let origin: string;
  beforeAll(async () => {
    server = await startTestServer({ STAFF_TOKEN: TOKEN });
    origin = server.url;
  }, 120_000);
  afterAll(async () => {
    await server.close(100);
  });

  const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

  async function signIn(): Promise<{ cookie: string; csrf: string; setCookie: string }> {
    const response = await call('/staff/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ token: TOKEN }) });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    const cookie = setCookie.split(';')[0];
    const session = (await (await call('/staff/auth/session', { headers: { Cookie: cookie } })).json()) as { csrf: string; user: { name: string } };
    expect(session.user).toMatchObject({ name: 'token', roles: ['Staff.Content', 'Staff.Leads'] });
    return { cookie, csrf: session.csrf, setCookie };
  }

  async function addLead(name: string, userId: string): Promise<StoredRecord> {
    return server.app.records.append('lead', {
      reference: `PN-${userId.toUpperCase()}`,
      flow: 'contact',
      outcome: 'saved',
      lang: 'vi',
      answers: { name, contact: '0905123456', interest: 'pn', consent: 'yes' },
      channelId: 'webchat',
      conversationId: `conv-${userId}`,
      userId,
    });
  }

  it('token sign-in: refuses a wrong token (audited) and a request from another site; sets a __Host- session cookie', async () => {
    const wrong = await call('/staff/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ token: 'x'.repeat(40) }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const elsewhere = await call('/staff/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body: JSON.stringify({ token: TOKEN }) });
    expect(elsewhere.status).toBe(403);

    const first = await signIn();
    expect(first.setCookie).toMatch(/^__Host-pn-staff=[^;]+; Path=\/; Max-Age=28800; Secure; HttpOnly; SameSite=Lax$/);
    const second = await signIn();
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrf).not.toBe(first.csrf);

    const audit = await readAll(server, 'audit');
    expect(audit.filter((event) => event.action === 'signInFailed')).toEqual([expect.objectContaining({ actor: 'anonymous', details: { reason: 'token' } })]);
    expect(audit.filter((event) => event.action === 'signIn').length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it('a change needs the session CSRF token and this site as Origin; bearer requests need neither', async () => {
    const lead = await addLead('Lan', 'u-csrf');
    const { cookie, csrf } = await signIn();
    const path = `/staff/api/leads/${lead.id}/status`;
    const body = JSON.stringify({ status: 'contacted' });
    const json = { 'Content-Type': 'application/json' };

    const noCsrf = await call(path, { method: 'POST', headers: { ...json, Cookie: cookie, Origin: origin }, body });
    expect([noCsrf.status, await noCsrf.json()]).toEqual([403, { error: 'csrf_failed' }]);
    const wrongCsrf = await call(path, { method: 'POST', headers: { ...json, Cookie: cookie, Origin: origin, 'X-CSRF-Token': 'x' + csrf.slice(1) }, body });
    expect(wrongCsrf.status).toBe(403);
    const wrongOrigin = await call(path, { method: 'POST', headers: { ...json, Cookie: cookie, Origin: 'https://evil.example', 'X-CSRF-Token': csrf }, body });
    expect([wrongOrigin.status, await wrongOrigin.json()]).toEqual([403, { error: 'origin_refused' }]);
    const noOrigin = await call(path, { method: 'POST', headers: { ...json, Cookie: cookie, 'X-CSRF-Token': csrf }, body });
    expect(noOrigin.status).toBe(403);
    expect((await readAll(server, 'leadStatus')).filter((event) => event.recordId === lead.id)).toEqual([]);

    const ok = await call(path, { method: 'POST', headers: { ...json, Cookie: cookie, Origin: origin, 'X-CSRF-Token': csrf }, body });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { lead: { status: string; statusBy: string } }).lead).toMatchObject({ status: 'contacted', statusBy: 'token' });

    const bearer = await call(path, { method: 'POST', headers: { ...json, Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ status: 'closed' }) });
    expect(bearer.status).toBe(200);
    const wrongBearer = await call(path, { method: 'POST', headers: { ...json, Authorization: `Bearer ${'y'.repeat(40)}`, Cookie: cookie, Origin: origin, 'X-CSRF-Token': csrf }, body });
    expect(wrongBearer.status).toBe(401);
  });

  it('refuses a forged or altered session cookie, and a signed-out session everywhere', async () => {
    const { cookie, csrf } = await signIn();
    const [name, value] = cookie.split('=');
    const [id, signature] = value.split('.');
    const forged = [`${name}=${id}.${signature.slice(0, -2)}AA`, `${name}=${'A'.repeat(43)}.${signature}`, `${name}=${id}`, `${name}=`];
    for (const candidate of forged) {
      const response = await call('/staff/api/leads', { headers: { Cookie: candidate } });
      expect({ candidate, status: response.status }).toEqual({ candidate, status: 401 });
    }
    expect((await call('/staff/api/leads', { headers: { Cookie: cookie } })).status).toBe(200);

    const out = await call('/staff/auth/logout', { method: 'POST', headers: { Cookie: cookie, Origin: origin, 'X-CSRF-Token': csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-pn-staff=; Path=\/; Max-Age=0/);
    expect((await call('/staff/api/leads', { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await readAll(server, 'audit')).some((event) => event.action === 'signOut')).toBe(true);
  });

  it('every staff API route answers 401 without credentials and shows no data', async () => {
    const lead = await addLead(HOSTILE, 'u-anon');
    const routes: [string, string][] = [
      ['GET', '/staff/api/leads'],
      ['POST', `/staff/api/leads/${lead.id}/status`],
      ['POST', '/staff/api/leads/export'],
      ['DELETE', `/staff/api/leads/${lead.id}`],
      ['GET', '/staff/api/report'],
    ];
    for (const [method, path] of routes) {
      const response = await call(path, { method, headers: { 'Content-Type': 'application/json', Origin: origin }, body: method === 'GET' ? undefined : '{"status":"closed"}' });
      const text = await response.text();
      expect({ method, path, status: response.status, text }).toEqual({ method, path, status: 401, text: '{"error":"sign_in_required"}' });
    }
    expect((await readAll(server, 'lead')).some((record) => record.id === lead.id)).toBe(true);
  });

  it('lists leads with status, exports CSV and deletes a person: audited with ids, never a name or phone', async () => {
    const lead = await addLead(HOSTILE, 'u-delete');
    const other = await addLead('Minh', 'u-keep');
    await server.app.records.append('question', { text: 'học phí', lang: 'vi', decision: 'answer', entryId: 'pn.cost', confidence: 0.9, channelId: 'webchat', userId: 'u-delete' });
    const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    await call(`/staff/api/leads/${lead.id}/status`, { method: 'POST', headers: auth, body: JSON.stringify({ status: 'contacted' }) });

    const list = (await (await call('/staff/api/leads', { headers: auth })).json()) as { leads: { id: string; status: string; answers: Record<string, string> }[] };
    expect(list.leads.find((item) => item.id === lead.id)).toMatchObject({ status: 'contacted', answers: { name: HOSTILE } });
    expect(list.leads.find((item) => item.id === other.id)).toMatchObject({ status: 'new' });
    expect((await call('/staff/api/leads/nope/status', { method: 'POST', headers: auth, body: '{"status":"closed"}' })).status).toBe(404);
    expect((await call(`/staff/api/leads/${lead.id}/status`, { method: 'POST', headers: auth, body: '{"status":"lost"}' })).status).toBe(400);

    const csv = await call('/staff/api/leads/export', { method: 'POST', headers: auth });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text).toContain(HOSTILE);
    expect(text.split('\r\n')[0]).toContain('status');

    const removed = await call(`/staff/api/leads/${lead.id}`, { method: 'DELETE', headers: auth });
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as { removed: number }).removed).toBeGreaterThanOrEqual(3);
    expect((await readAll(server, 'lead')).map((record) => record.id)).not.toContain(lead.id);
    expect((await readAll(server, 'lead')).map((record) => record.id)).toContain(other.id);
    expect((await readAll(server, 'leadStatus')).filter((record) => record.recordId === lead.id)).toEqual([]);
    expect((await readAll(server, 'question')).filter((record) => record.userId === 'u-delete')).toEqual([]);

    const audit = await readAll(server, 'audit');
    expect(audit.map((event) => event.action)).toEqual(expect.arrayContaining(['leadStatus', 'leadsExport', 'personDelete']));
    expect(audit.find((event) => event.action === 'personDelete')).toMatchObject({ actor: 'token', target: lead.id });
    const written = JSON.stringify(audit);
    for (const personal of ['Minh', HOSTILE, '0905123456', 'onerror']) expect(written).not.toContain(personal);
  });

  it('serves the live report to staff under a CSP that allows no script', async () => {
    await server.app.records.append('unanswered', { text: HOSTILE, lang: 'vi', candidates: [], confidence: 0 });
    await server.app.records.append('question', { text: HOSTILE, lang: 'vi', decision: 'fallback', entryId: null, confidence: 0.1 });
    const response = await call('/staff/api/report?lang=en', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'/);
    const html = await response.text();
    expect(html).toContain('<svg');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
