/**
 * Issue 11: authentication failures through the real bot process (src/index.ts) with an
 * app id. A forged JWT got a 500 with the SDK's internal error text in the body; a
 * garbage Authorization header printed a multi-line stack trace. Now: 401 with no
 * detail, and exactly one JSON log line per failure, nothing on stderr.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBot } from '../integration/harness';

const APP_ID = '00000000-0000-0000-0000-000000000001';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A well-formed JWT the Bot Framework never issued: right issuer and audience, a made-up key and signature. */
function forgedJwt(): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'RS256', typ: 'JWT', kid: 'made-up-key' });
  const payload = base64url({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600, serviceurl: 'https://smba.trafficmanager.net/emea/' });
  return `${header}.${payload}.${randomBytes(256).toString('base64url')}`;
}

function activity(): Record<string, unknown> {
  return {
    type: 'message',
    id: 'a1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'b1' },
    text: 'Xin chào',
  };
}

test('a forged JWT and a garbage header get 401 with no internal detail, one JSON log line each, and nothing on stderr', async () => {
  const bot = startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'pn-auth-')), WATCH_CONTENT: 'false' });
  try {
    const port = await bot.port;
    const responses: Array<{ status: number; text: string }> = [];
    for (const authorization of [`Bearer ${forgedJwt()}`, 'garbage \u00ff not a token', 'Bearer abc.def.ghi']) {
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(activity()),
      });
      responses.push({ status: response.status, text: await response.text() });
    }
    expect(responses).toEqual(Array.from({ length: 3 }, () => ({ status: 401, text: '{"error":"Unauthorized"}' })));
  } finally {
    bot.child.kill('SIGTERM');
  }
  const exit = await bot.exited;
  expect(exit.stderr).toBe('');
  const lines = exit.stdout.trim().split('\n');
  // Every line is one JSON object: no stack trace spread over lines.
  for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  const failures = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => record.event === 'auth_failed');
  expect(failures).toHaveLength(3);
  for (const failure of failures) expect(String(failure.reason).length).toBeLessThanOrEqual(200);
});
