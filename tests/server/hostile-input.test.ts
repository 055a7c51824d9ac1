/**
 * Issue 11, each finding over HTTP through the real server (restify + CloudAdapter + bot):
 * deep or huge activities, non-string ids, invalid locales, floods from one conversation or
 * one address, and replies POSTed to whatever serviceUrl a local client names.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conversation, startTestServer, t, type TestServer } from '../integration/harness';
import { capturingLogger } from './log-capture';

/** The JSON text of `leaf` wrapped in `levels` objects, built as text (JSON.stringify itself overflows the stack). */
function nestedJson(levels: number, leaf: unknown): string {
  return `${'{"inner":'.repeat(levels)}${JSON.stringify(leaf)}${'}'.repeat(levels)}`;
}

/** An activity's JSON with one field replaced by raw JSON text. */
function withRawField(activity: Record<string, unknown>, field: string, json: string): string {
  const rest = JSON.stringify({ ...activity, [field]: undefined });
  return `${rest.slice(0, -1)},"${field}":${json}}`;
}

describe('limits on what an activity may look like', () => {
  let server: TestServer;
  const log = capturingLogger();
  beforeAll(async () => {
    server = await startTestServer({}, { logger: log.logger });
  });
  afterAll(() => server.close());

  it('a from nested 5,000 levels deep gets 400 (was 500), and no log line holds the body', async () => {
    log.lines.length = 0;
    const chat = conversation();
    const body = withRawField(chat.message('Xin chào'), 'from', nestedJson(5000, { id: 'u', phone: '0912345678' }));
    const response = await server.postRaw(body);
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('0912345678');
    expect(log.lines.join('')).not.toContain('0912345678');
    expect(Math.max(0, ...log.lines.map((line) => line.length))).toBeLessThan(2000);
    // The server is fine afterwards.
    expect((await server.post(chat.message('Xin chào'))).status).toBe(200);
  });

  it('a conversation nested deep, and an activity with too many values, get 400', async () => {
    const chat = conversation();
    expect((await server.postRaw(withRawField(chat.message('hi'), 'conversation', nestedJson(5000, { id: 'c' })))).status).toBe(400);
    expect((await server.postRaw(JSON.stringify({ ...chat.message('hi'), entities: Array.from({ length: 10_000 }, () => 1) }))).status).toBe(400);
  });

  it('a body over the size limit gets 413', async () => {
    const chat = conversation();
    const response = await server.postRaw(JSON.stringify({ ...chat.message('hi'), padding: 'x'.repeat(300 * 1024) }));
    expect(response.status).toBe(413);
  });

  it('invalid JSON gets 400 without echoing the body', async () => {
    const response = await server.postRaw('{"type":"message","text":"0912345678",');
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('0912345678');
  });

  it('ids must be strings: a conversation.id sent as an object gets 400 (was "[object Object]", shared by every such client)', async () => {
    const chat = conversation();
    expect((await server.post({ ...chat.message('hi'), conversation: { id: { a: 1 } } })).status).toBe(400);
    expect((await server.post({ ...chat.message('hi'), conversation: { id: 42 } })).status).toBe(400);
    expect((await server.post({ ...chat.message('hi'), from: { id: ['x'] } })).status).toBe(400);
    expect((await server.post({ ...chat.message('hi'), id: { x: 1 } })).status).toBe(400);
    expect((await server.post({ ...chat.message('hi'), conversation: undefined })).status).toBe(400);
  });

  it('an invalid locale is not echoed back in the replies (was), and the user still gets an answer', async () => {
    const chat = conversation();
    const { status, activities } = await server.post(chat.message('Hello', { locale: 'xx-<script>' }));
    expect(status).toBe(200);
    expect(activities.length).toBeGreaterThan(0);
    expect(JSON.stringify(activities)).not.toContain('<script>');
    // A valid tag still steers the language.
    const english = await server.post(conversation().message('?', { locale: 'en-US' }));
    expect(english.activities.every((activity) => activity.locale === undefined || activity.locale === 'en-US')).toBe(true);
  });
});

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_CONVERSATION_PER_MINUTE: '3', RATE_LIMIT_IP_PER_MINUTE: '0' });
  });
  afterAll(() => server.close());

  it.each([
    ['vi', 'Học bổng PN có bao gồm chỗ ở không ạ?'],
    ['en', 'Does the scholarship cover housing?'],
  ] as const)('a conversation over its limit gets one polite reply in the user\'s language (%s), then 429; others are not affected', async (lang, text) => {
    const chat = conversation();
    for (let i = 0; i < 3; i++) expect((await server.post(chat.message(text))).status).toBe(200);
    const polite = await server.post(chat.message(text));
    expect(polite.status).toBe(200);
    expect(polite.activities.map((activity) => activity.text)).toEqual([t(lang, 'limits.slowDown')]);
    const flood = await server.post(chat.message(text));
    expect(flood.status).toBe(429);
    expect(flood.activities).toEqual([]);
    const other = await server.post(conversation().message(text));
    expect(other.status).toBe(200);
    expect(other.activities.map((activity) => activity.text)).not.toContain(t(lang, 'limits.slowDown'));
  });

  it('typing indicators do not count against a conversation\'s limit', async () => {
    const chat = conversation();
    for (let i = 0; i < 5; i++) expect((await server.post(chat.activity('typing'))).status).toBe(200);
    const answered = await server.post(chat.message('Does the scholarship cover housing?'));
    expect(answered.activities.map((activity) => activity.text)).not.toContain(t('en', 'limits.slowDown'));
  });

  it('one address over its limit gets 429 with Retry-After, before its body is read', async () => {
    const limited = await startTestServer({ RATE_LIMIT_IP_PER_MINUTE: '5', RATE_LIMIT_CONVERSATION_PER_MINUTE: '0' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await limited.post(conversation().message('hi'))).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const response = await fetch(`${limited.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      // Health checks are not limited.
      expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('local mode never POSTs replies to a serviceUrl a client names', () => {
  let receiver: Server;
  let received: string[];
  let receiverUrl: string;
  beforeAll(async () => {
    received = [];
    receiver = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end('{"id":"r1"}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('an activity without expectReplies naming this machine\'s port gets its replies in the response instead (was: POSTed there)', async () => {
    const server = await startTestServer();
    try {
      received.length = 0;
      const { status, activities } = await server.post({ ...conversation().message('Xin chào'), deliveryMode: undefined, serviceUrl: receiverUrl });
      expect(status).toBe(200);
      expect(activities.length).toBeGreaterThan(0);
      expect(received).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a serviceUrl in LOCAL_SERVICE_URLS gets the replies POSTed, as a channel would', async () => {
    const server = await startTestServer({ LOCAL_SERVICE_URLS: receiverUrl });
    try {
      received.length = 0;
      const { status } = await server.post({ ...conversation().message('Xin chào'), deliveryMode: undefined, serviceUrl: receiverUrl });
      expect(status).toBe(200);
      expect(received.length).toBeGreaterThan(0);
      expect(received[0]).toMatch(/^POST \/v3\/conversations\//);
    } finally {
      await server.close();
    }
  });
});
