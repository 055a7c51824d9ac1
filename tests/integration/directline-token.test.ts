/**
 * POST /api/directline/token through the real server, against a local stand-in
 * for the Direct Line service: the secret goes to Direct Line only, the browser
 * gets a token and where to use it, other origins are refused, a missing secret is
 * a clear 503, a refusing service a clear 502, and a flood is throttled.
 */
import { startDirectLineStandIn, type DirectLineStandIn } from '../helpers/directline-standin';
import { startTestServer, type TestServer } from './harness';

const SECRET = 'test-direct-line-secret-do-not-leak';
const WEBSITE = 'https://www.passerellesnumeriques.org';

let directLine: DirectLineStandIn;
let server: TestServer;

beforeAll(async () => {
  directLine = await startDirectLineStandIn(SECRET);
  server = await startTestServer({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: directLine.url, WEBCHAT_ORIGINS: WEBSITE });
});

afterAll(async () => {
  await server?.close();
  await directLine?.close();
});

const requestToken = (headers: Record<string, string> = {}, base = server.url) =>
  fetch(`${base}/api/directline/token`, { method: 'POST', headers });

describe('POST /api/directline/token', () => {
  it('exchanges the secret for a conversation token and never returns the secret', async () => {
    const response = await requestToken({ Origin: WEBSITE });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(SECRET);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe(WEBSITE);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toEqual({
      token: directLine.tokens.at(-1),
      conversationId: expect.any(String),
      userId: expect.stringMatching(/^dl_[0-9a-f]{32}$/),
      expiresIn: 1800,
      domain: `${directLine.url}/v3/directline`,
    });
    // Direct Line got the secret as a bearer token, and the user id the browser will use.
    const call = directLine.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', path: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    expect(call.body).toEqual({ user: { id: body.userId } });
  });

  it('serves the bot\'s own page (same origin) and callers without an Origin, such as a website\'s server', async () => {
    const host = new URL(server.url).host;
    expect((await requestToken({ Origin: `http://${host}` })).status).toBe(200);
    expect((await requestToken()).status).toBe(200);
  });

  it('refuses other origins before asking Direct Line', async () => {
    const before = directLine.calls.length;
    const response = await requestToken({ Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toMatchObject({ error: 'origin_not_allowed' });
    expect(directLine.calls.length).toBe(before);
  });

  it('answers a CORS preflight from a configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/directline/token`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
    const allowed = await preflight(WEBSITE);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEBSITE);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('says clearly that Direct Line is not set up when there is no secret', async () => {
    const bare = await startTestServer({ DIRECT_LINE_ENDPOINT: directLine.url });
    try {
      const before = directLine.calls.length;
      const response = await requestToken({}, bare.url);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'directline_not_configured', message: expect.stringContaining('DIRECT_LINE_SECRET') });
      expect(directLine.calls.length).toBe(before);
    } finally {
      await bare.close();
    }
  });

  it('answers 502 without the secret or Direct Line\'s words when Direct Line refuses it', async () => {
    const wrong = await startTestServer({ DIRECT_LINE_SECRET: 'a-wrong-secret', DIRECT_LINE_ENDPOINT: directLine.url });
    try {
      const response = await requestToken({}, wrong.url);
      const text = await response.text();
      expect(response.status).toBe(502);
      expect(JSON.parse(text)).toMatchObject({ error: 'directline_refused' });
      expect(text).not.toContain('a-wrong-secret');
      expect(text).not.toContain('secret rejected');
    } finally {
      await wrong.close();
    }
  });

  it('uses a regional endpoint as configured, given with or without /v3/directline', async () => {
    const regional = await startTestServer({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: `${directLine.url}/v3/directline/` });
    try {
      const response = await requestToken({}, regional.url);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { domain: string }).domain).toBe(`${directLine.url}/v3/directline`);
    } finally {
      await regional.close();
    }
  });

  it('throttles a flood of token requests from one address with 429', async () => {
    const limited = await startTestServer({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: directLine.url });
    try {
      const statuses: number[] = [];
      // The bucket holds 20 and refills one a second: a quick run of requests empties it.
      for (let i = 0; i < 200 && !statuses.includes(429); i += 1) statuses.push((await requestToken({}, limited.url)).status);
      expect(statuses).toContain(429);
      expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(20);
      expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
