/**
 * Facebook data deletion over HTTP to the real server (issue 24): a Messenger user typing
 * "xóa dữ liệu", Meta's callback (valid, forged, replayed, wrong algorithm, malformed,
 * oversized), the status page behind the confirmation code, and the instructions page, in
 * both languages. Pages are checked by string keys (locales/<lang>/translation.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../src/core/knowledge/types';
import { conversationKey, userKey } from '../../src/core/engine';
import { signRequest } from '../../src/core/facebook';
import { escapeHtml } from '../../src/server/privacy-page';
import { capturingLogger } from '../server/log-capture';
import { conversation, saysOf, startTestServer, t, type TestServer } from './harness';

const SECRET = 'test-facebook-app-secret-0123456789';
const CALLBACK = '/api/facebook/data-deletion';
const MAX_BODY_BYTES = 4096;

let server: TestServer;
const log = capturingLogger();
beforeAll(async () => {
  server = await startTestServer({ FACEBOOK_APP_SECRET: SECRET, MAX_BODY_BYTES: String(MAX_BODY_BYTES) }, { logger: log.logger });
});
afterAll(async () => {
  await server?.close(100);
  // The callback put neither the app secret, a signature nor Meta's user id in the log ('40001' only ever came in a callback).
  expect(log.lines.length).toBeGreaterThan(0);
  for (const secret of [SECRET, signRequest(payload('10001'), SECRET).split('.')[0], '40001']) expect(log.lines.join('\n')).not.toContain(secret);
  expect(log.records().some((record) => record.msg === 'facebook data deletion: request refused, nothing deleted')).toBe(true);
});

const says = async (activity: Record<string, unknown>) => (await server.post(activity)).activities.flatMap(saysOf);

/** A Messenger user leaves a lead through the contact form: one record and state on channel facebook. */
async function leaveLead(userId: string) {
  const chat = conversation({ channelId: 'facebook', locale: 'en-US', userId });
  // A tap on a quick reply: Messenger sends its title as text and the button value as the payload.
  const tap = { message: { quick_reply: { payload: JSON.stringify({ action: 'flow', flow: 'contact' }) } } };
  await says(chat.message('Contact', { channelData: tap }));
  for (const answer of ['Tran Thi Mai', 'mai@example.com', '1', '2']) await says(chat.message(answer));
  expect(await says(chat.message('yes'))).toContain('outcome:contact.saved');
  return chat;
}

const leadsOf = (userId: string) => {
  const file = path.join(server.dataDir, 'leads.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { userId?: string; channelId?: string })
    .filter((record) => record.userId === userId);
};

/** How many data deletion records are stored (a refused request stores none). */
const deletionRequests = () => {
  const file = path.join(server.dataDir, 'data-deletion-requests.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
};

const stateOf = async (userId: string, conversationId: string) => {
  const who = { channelId: 'facebook', userId, conversationId };
  return (await server.app.store.store.read([userKey(who), conversationKey(who)])).size;
};

const postForm = (body: string, type = 'application/x-www-form-urlencoded') =>
  fetch(`${server.url}${CALLBACK}`, { method: 'POST', headers: { 'Content-Type': type }, body });

const callback = (signedRequest: string) => postForm(new URLSearchParams({ signed_request: signedRequest }).toString());

const payload = (userId: string, issuedAt = 1_764_000_000) => ({ algorithm: 'HMAC-SHA256', user_id: userId, issued_at: issuedAt, expires: issuedAt + 3600 });

const page = async (url: string, lang?: Lang) => {
  const response = await fetch(lang ? `${url}?lang=${lang}` : url);
  return { status: response.status, html: await response.text(), headers: response.headers };
};

const key = (lang: Lang, name: string, vars?: Record<string, string | number>) => escapeHtml(t(lang, `facebookDeletion.${name}`, vars));

describe('"xóa dữ liệu" typed in Messenger (channel facebook)', () => {
  test('deletes that Messenger user\'s records and state, and not another Messenger user\'s', async () => {
    const mine = await leaveLead('psid-student-1');
    const theirs = await leaveLead('psid-student-2');
    expect(leadsOf('psid-student-1')).toHaveLength(1);
    expect(await stateOf('psid-student-1', mine.id)).toBe(2);

    const chat = conversation({ channelId: 'facebook', userId: 'psid-student-1' });
    // The first message of a Messenger conversation also gets the welcome.
    expect(await says(chat.message('xóa dữ liệu'))).toContain('key:privacy.confirm');
    expect(await says(chat.message('có'))).toEqual(['key:privacy.deleted']);

    expect(leadsOf('psid-student-1')).toEqual([]);
    expect(await stateOf('psid-student-1', mine.id)).toBe(0);
    expect(leadsOf('psid-student-2')).toHaveLength(1);
    expect(await stateOf('psid-student-2', theirs.id)).toBe(2);
  });
});

describe('POST /api/facebook/data-deletion', () => {
  test('valid signature: 200 with {url, confirmation_code}; deletes what matches the user id on channel facebook; the status page shows the counts', async () => {
    const chat = await leaveLead('10001');
    await leaveLead('10002');
    const response = await callback(signRequest(payload('10001'), SECRET));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { url: string; confirmation_code: string };
    expect(Object.keys(body).sort()).toEqual(['confirmation_code', 'url']);
    expect(body.confirmation_code).toMatch(/^[0-9a-f]{32}$/);
    expect(body.url).toBe(`${server.url}/facebook/data-deletion/status/${body.confirmation_code}`);

    expect(leadsOf('10001')).toEqual([]);
    expect(await stateOf('10001', chat.id)).toBe(0);
    expect(leadsOf('10002')).toHaveLength(1);

    for (const lang of ['vi', 'en'] as const) {
      const status = await page(body.url, lang);
      expect(status.status).toBe(200);
      expect(status.html).toContain(`<html lang="${lang}">`);
      expect(status.html).toContain(key(lang, 'statusTitle'));
      expect(status.html).toContain(`<li data-count="records">${key(lang, 'statusRecords', { count: 1 })}</li>`);
      expect(status.html).toContain(`<li data-count="conversations">${key(lang, 'statusConversations', { count: 1 })}</li>`);
      expect(status.html).toContain(key(lang, 'unmatched'));
      expect(status.html).not.toContain('10001');
      expect(status.html).not.toMatch(/<script/i);
      expect(status.headers.get('referrer-policy')).toBe('no-referrer');
      expect(status.headers.get('cache-control')).toBe('no-store');
    }
    // Stored durably with the records: the code and counts, never the user id.
    const stored = readFileSync(path.join(server.dataDir, 'data-deletion-requests.jsonl'), 'utf8');
    expect(stored).toContain(body.confirmation_code);
    expect(stored).not.toContain('10001');
  });

  test('forged signature: 400 and nothing deleted (the stored records are still there)', async () => {
    const chat = await leaveLead('20001');
    const before = deletionRequests();
    const forged = signRequest(payload('20001'), 'not-the-app-secret');
    const response = await callback(forged);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/signature/);
    // The payload changed after signing: the same.
    const [signature] = signRequest(payload('20001'), SECRET).split('.');
    const tampered = `${signature}.${Buffer.from(JSON.stringify(payload('20001', 1_764_000_001))).toString('base64url')}`;
    expect((await callback(tampered)).status).toBe(400);
    // A truncated signature (a length mismatch) too.
    expect((await callback(`${signature.slice(0, 10)}.${tampered.split('.')[1]}`)).status).toBe(400);

    expect(leadsOf('20001')).toHaveLength(1);
    expect(await stateOf('20001', chat.id)).toBe(2);
    expect(deletionRequests()).toBe(before);
  });

  test('replayed request: the same confirmation code, and nothing more deleted', async () => {
    await leaveLead('30001');
    const signed = signRequest(payload('30001', 1_764_100_000), SECRET);
    const first = (await (await callback(signed)).json()) as { confirmation_code: string };
    expect(leadsOf('30001')).toEqual([]);

    // Data the same user id left after the request must survive its replay.
    await leaveLead('30001');
    const again = await callback(signed);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { confirmation_code: string }).confirmation_code).toBe(first.confirmation_code);
    expect(leadsOf('30001')).toHaveLength(1);

    // A new request (issued later) is a new deletion with its own code.
    const later = (await (await callback(signRequest(payload('30001', 1_764_200_000), SECRET))).json()) as { confirmation_code: string };
    expect(later.confirmation_code).not.toBe(first.confirmation_code);
    expect(leadsOf('30001')).toEqual([]);
  });

  test('a request that matches nothing still answers with a code; its status says 0 and what could not be matched', async () => {
    const body = (await (await callback(signRequest(payload('40001'), SECRET))).json()) as { url: string };
    const status = await page(body.url, 'en');
    expect(status.html).toContain(key('en', 'statusRecords', { count: 0 }));
    expect(status.html).toContain(key('en', 'statusConversations', { count: 0 }));
    expect(status.html).toContain(key('en', 'unmatchedTitle'));
  });

  test('wrong algorithm: 400 and nothing deleted', async () => {
    await leaveLead('50001');
    const response = await callback(signRequest({ ...payload('50001'), algorithm: 'HMAC-SHA1' }, SECRET));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/algorithm/);
    expect(leadsOf('50001')).toHaveLength(1);
  });

  test('malformed or oversized bodies: 400 (413 past the server\'s body limit) and nothing deleted', async () => {
    await leaveLead('60001');
    const valid = signRequest(payload('60001'), SECRET);
    const bad = [
      await postForm(''),
      await postForm('signed_request='),
      await postForm('signed_request=abc'),
      await postForm('signed_request=a.b.c'),
      await postForm('something_else=1'),
      await postForm(`signed_request=${valid}&signed_request=${valid}`),
      await postForm(JSON.stringify({ signed_request: valid }), 'application/json'),
      await postForm(`signed_request=${valid}`, 'text/plain'),
      await callback(signRequest({ algorithm: 'HMAC-SHA256', issued_at: 1 }, SECRET)),
      await callback(signRequest({ algorithm: 'HMAC-SHA256', user_id: '60001' }, SECRET)),
      await callback(`${valid.split('.')[0]}.${Buffer.from('not json').toString('base64url')}`),
      await callback(`${valid}${'A'.repeat(3000)}`),
    ];
    expect(bad.map((response) => response.status)).toEqual(bad.map(() => 400));
    const oversized = await postForm(`signed_request=${valid}&pad=${'x'.repeat(MAX_BODY_BYTES)}`);
    expect(oversized.status).toBe(413);
    expect(leadsOf('60001')).toHaveLength(1);
  });
});

describe('pages', () => {
  test('the instructions page, in both languages: how (type the phrase in Messenger), what is deleted, retention; no script', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const { status, html, headers } = await page(`${server.url}/facebook/data-deletion`, lang);
      expect(status).toBe(200);
      expect(html).toContain(`<html lang="${lang}">`);
      for (const name of ['title', 'how', 'what', 'meta']) expect([name, html.includes(key(lang, name))]).toEqual([name, true]);
      expect(html).toContain(key(lang, 'retention', { days: 365 }));
      expect(html).not.toMatch(/<script/i);
      expect(headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
    }
    // The phrase to type is in both pages, as the bot's command table knows it.
    expect(t('vi', 'facebookDeletion.how')).toContain('xóa dữ liệu');
    expect(t('en', 'facebookDeletion.how')).toContain('delete my data');
    // Accept-Language picks English when no ?lang= is given.
    const english = await fetch(`${server.url}/facebook/data-deletion`, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    expect(await english.text()).toContain(key('en', 'title'));
  });

  test('an unknown or malformed code gets a 404 page in the user\'s language', async () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const code of ['0123456789abcdef0123456789abcdef', 'not-a-code', '%3Cscript%3E']) {
        const { status, html } = await page(`${server.url}/facebook/data-deletion/status/${code}`, lang);
        expect([code, status]).toEqual([code, 404]);
        expect(html).toContain(key(lang, 'notFoundTitle'));
        expect(html).not.toMatch(/<script/i);
      }
    }
  });

  test('the privacy page links to the instructions', async () => {
    const { html } = await page(`${server.url}/privacy`, 'en');
    expect(html).toContain(`<a href="/facebook/data-deletion?lang=en">${key('en', 'linkFromPrivacy')}</a>`);
  });
});

describe('without FACEBOOK_APP_SECRET', () => {
  let plain: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
  });
  afterAll(async () => {
    await plain?.close(100);
  });

  test('the callback answers 503 naming the setting; the instructions page is still served', async () => {
    const response = await fetch(`${plain.url}${CALLBACK}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `signed_request=${signRequest(payload('70001'), SECRET)}`,
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toContain('FACEBOOK_APP_SECRET');
    expect((await fetch(`${plain.url}/facebook/data-deletion`)).status).toBe(200);
  });
});
