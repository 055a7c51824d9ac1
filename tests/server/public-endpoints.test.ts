/**
 * Issue 22, what the public can reach: with an app id /readyz says only ready or not (the
 * reason goes to the log), /metrics needs METRICS_TOKEN, failed admin, metrics and staff
 * sign-ins are logged without the token and limited per address, and a slow client cannot
 * hold a connection open for Node's default five minutes.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import { loadConfig } from '../../src/config';
import { MemoryStateStore } from '../../src/core/state';
import { SignInFailures } from '../../src/server/sign-in-failures';
import { applyTimeouts } from '../../src/server/server';
import { createStaffGuard } from '../../src/server/staff/guard';
import { startTestServer, type TestServer } from '../integration/harness';
import { capturingLogger } from './log-capture';

jest.setTimeout(120_000);

const APP = { MicrosoftAppId: '00000000-0000-0000-0000-000000000022', MicrosoftAppPassword: 'not-a-real-secret' };
const ADMIN = 'admin-s3cret-token-0123456789abcdef';
const INTERNAL = 'connect ECONNREFUSED 127.0.0.1:10300';

/** Memory state whose readiness probe fails the way an unreachable Azurite does. */
class UnreachableStore extends MemoryStateStore {
  override async probe(): Promise<void> {
    throw new Error(INTERNAL);
  }
}

describe('with an app id', () => {
  let server: TestServer;
  const log = capturingLogger();
  const servers: TestServer[] = [];
  beforeAll(async () => {
    server = await startTestServer({ ...APP, STAFF_TOKEN: ADMIN, STAFF_TOKEN_ALLOW_IN_PRODUCTION: 'true', SIGN_IN_MAX_FAILURES: '3' }, { logger: log.logger, storage: new UnreachableStore() });
    servers.push(server);
  });
  afterAll(async () => {
    await Promise.all(servers.map((running) => running.close(100)));
  });

  it('/readyz tells the public only "not ready"; the log has which check failed and why', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: 'not ready' });
    expect(text).not.toContain('ECONNREFUSED');
    const logged = log.records().find((record) => record.event === 'not_ready');
    expect(logged).toMatchObject({ level: 40, checks: { storage: { ok: false, error: INTERNAL } } });
  });

  it('/metrics is not served without METRICS_TOKEN', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it('/readyz is {"status":"ready"} and nothing more when everything answers; /metrics needs the bearer METRICS_TOKEN', async () => {
    const metricsLog = capturingLogger();
    const withToken = await startTestServer({ ...APP, METRICS_TOKEN: 'metrics-t0ken' }, { logger: metricsLog.logger });
    servers.push(withToken);
    const ready = await fetch(`${withToken.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const get = (authorization?: string) => fetch(`${withToken.url}/metrics`, { headers: authorization ? { authorization } : {} });
    expect((await get()).status).toBe(401);
    expect((await get('Bearer wrong-metrics-guess')).status).toBe(401);
    const allowed = await get('Bearer metrics-t0ken');
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('# TYPE bot_turns_total counter');
    expect(metricsLog.records().filter((record) => record.event === 'sign_in_failed').map((record) => record.route)).toEqual(['/metrics', '/metrics']);
    expect(metricsLog.lines.join('\n')).not.toContain('wrong-metrics-guess');
  });

  it('failed /admin/reload attempts are logged without the token, and an address over the limit gets 429 even with the right token', async () => {
    const reload = (token: string) => fetch(`${server.url}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const statuses: number[] = [];
    for (const guess of ['guess-one', 'guess-two', 'guess-three']) statuses.push((await reload(guess)).status);
    const blocked = await reload(ADMIN);
    expect([...statuses, blocked.status]).toEqual([401, 401, 401, 429]);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const failures = log.records().filter((record) => record.event === 'sign_in_failed');
    expect(failures.map((record) => [record.route, record.failures, record.limited])).toEqual([
      ['/admin/reload', 1, false],
      ['/admin/reload', 2, false],
      ['/admin/reload', 3, true],
    ]);
    expect(failures.every((record) => typeof record.ip === 'string' && record.ip !== '')).toBe(true);
    const everything = log.lines.join('\n');
    for (const token of ['guess-one', 'guess-two', 'guess-three', ADMIN]) expect(everything).not.toContain(token);
  });
});

describe('the staff guard’s failure hook', () => {
  let http: HttpServer;
  let url: string;
  const log = capturingLogger();
  beforeAll(async () => {
    const server = restify.createServer();
    const guard = createStaffGuard({ token: 'staff-t0ken', failures: new SignInFailures({ maxFailures: 2, logger: log.logger }) });
    server.get('/staff/api/ping', guard.require('Staff.Content'), async (_req: Request, res: Response) => {
      res.json(200, { ok: true });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    http = server.server;
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/staff/api/ping`;
  });
  afterAll(async () => {
    const closed = new Promise<void>((resolve) => http?.close(() => resolve()) ?? resolve());
    http?.closeAllConnections();
    await closed;
  });

  it('a wrong staff token is a logged failure, no token is not; over the limit the right token gets 429', async () => {
    const get = (token?: string) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get()).status).toBe(401);
    expect((await get('staff-t0ken')).status).toBe(200);
    expect((await get('nope-1')).status).toBe(401);
    expect((await get('nope-2')).status).toBe(401);
    const blocked = await get('staff-t0ken');
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({ error: 'too_many_failed_sign_ins' });
    const failures = log.records().filter((record) => record.event === 'sign_in_failed');
    expect(failures.map((record) => record.route)).toEqual(['/staff/api/ping', '/staff/api/ping']);
    expect(log.lines.join('\n')).not.toMatch(/nope-|staff-t0ken/);
  });

  it('the window ends: an address is let in again after it', () => {
    let now = 0;
    const failures = new SignInFailures({ maxFailures: 1, windowMs: 60_000, logger: capturingLogger().logger, now: () => now });
    failures.fail('10.0.0.1', '/admin/reload');
    expect(failures.retryAfterSeconds('10.0.0.1')).toBe(60);
    expect(failures.retryAfterSeconds('10.0.0.2')).toBe(0);
    now = 60_000;
    expect(failures.retryAfterSeconds('10.0.0.1')).toBe(0);
  });
});

describe('timeouts a slow client cannot stretch', () => {
  it('are in the configuration, with defaults far below Node’s (60 s for headers, 300 s for a request)', () => {
    expect(loadConfig({}).limits).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    expect(loadConfig({ HEADERS_TIMEOUT_SECONDS: '5', REQUEST_TIMEOUT_SECONDS: '20', KEEP_ALIVE_TIMEOUT_SECONDS: '2' }).limits).toMatchObject({
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 20_000,
      keepAliveTimeoutMs: 2_000,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/REQUEST_TIMEOUT_SECONDS/);
  });

  it('a client that never finishes its body is answered 408 and disconnected', async () => {
    // Node checks these deadlines every connectionsCheckingInterval (30 s in the bot); 50 ms here.
    const http = createServer({ connectionsCheckingInterval: 50 }, (req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    applyTimeouts(http, { headersTimeoutMs: 300, requestTimeoutMs: 300, keepAliveTimeoutMs: 300 });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const socket = connect((http.address() as AddressInfo).port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      http.close();
    }
  });
});
