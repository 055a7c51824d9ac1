/**
 * The staff content API over HTTP on the real app and a copy of the small knowledge folder
 * of the content tests (tests/fixtures/content; each publish retrains the matcher: a fraction
 * of a second there, 4-5 s of CPU on the real folder, where console-browser.test.ts
 * publishes): unauthorised requests get nothing, an alternate
 * published through the API is answered by the bot at once, a stale If-Match is 409, a broken
 * edit is 422 and never reaches students, history lists who did what, and undo restores the
 * earlier version.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { conversation, ROOT, startTestServer, traceOf, type TestServer } from '../integration/harness';

jest.setTimeout(240_000);

const KNOWLEDGE_DIR = path.join(ROOT, 'tests/fixtures/content/knowledge');

const TOKEN = 'test-staff-token-0123456789-abcdefghij';
let work: string;
let knowledge: string;
let server: TestServer;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'content-api-'));
  knowledge = path.join(work, 'knowledge');
  cpSync(KNOWLEDGE_DIR, knowledge, { recursive: true });
  // No guided flows: the real ones offer entries this small knowledge base does not have.
  const dialogs = path.join(work, 'dialogs');
  mkdirSync(dialogs);
  server = await startTestServer({ KNOWLEDGE_DIR: knowledge, DIALOGS_DIR: dialogs, STAFF_TOKEN: TOKEN, DATA_DIR: path.join(work, 'data') });
});

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

async function call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}

async function answeredWith(text: string): Promise<string | undefined> {
  const chat = conversation({ locale: 'vi-VN' });
  const { activities } = await server.post(chat.message(text));
  return activities.map(traceOf).find((trace) => trace?.entryId)?.entryId ?? undefined;
}

test('without valid credentials every content route answers 401 and shows no data', async () => {
  const routes: [string, string][] = [
    ['GET', '/staff/api/entries'],
    ['GET', '/staff/api/entries/pn.about'],
    ['PUT', '/staff/api/entries/pn.about'],
    ['POST', '/staff/api/entries/pn.about/alternates'],
    ['GET', '/staff/api/history'],
    ['POST', '/staff/api/history/v20261203080000000-abcdef12/undo'],
  ];
  for (const [method, route] of routes) {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token-wrong-token-wrong-token-00' }];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}${route}`, { method, headers: { ...headers, 'Content-Type': 'application/json' }, ...(method === 'GET' ? {} : { body: '{"lang":"vi","text":"x"}' }) });
      const text = await response.text();
      expect({ route, status: response.status }).toEqual({ route, status: 401 });
      expect(text).not.toContain('pn.about"');
      expect(text).not.toContain('alternates');
    }
  }
});

test('an alternate added through the API is live: the bot answers it with that entry, and /readyz names the new version', async () => {
  const question = 'ký túc xá có wifi không ạ';
  // Not this entry's answer before: what the alternate changes is what is asserted after publishing.
  expect(await answeredWith(question)).not.toBe('pn.about');
  const entry = await call('GET', '/staff/api/entries/pn.about');
  expect(entry.status).toBe(200);
  const version = String(entry.body.version);
  expect(entry.headers.get('etag')).toBe(`"${version}"`);

  const preview = await call('POST', '/staff/api/entries/pn.about/alternates?dryRun=true', { lang: 'vi', text: question }, { 'If-Match': `"${version}"` });
  expect(preview.status).toBe(200);
  expect(JSON.stringify(preview.body.diff)).toContain(question);
  expect(((await call('GET', '/staff/api/entries/pn.about')).body.alternates as { vi: string[] }).vi).not.toContain(question);

  // acceptWarnings: retraining can raise a self-test warning about another entry; staff accept those in the console.
  const published = await call('POST', '/staff/api/entries/pn.about/alternates', { lang: 'vi', text: question, acceptWarnings: true }, { 'If-Match': `"${version}"` });
  expect(published.status).toBe(200);
  expect(await answeredWith(question)).toBe('pn.about');
  expect(readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8')).toContain(`- "${question}"`);
  const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { checks: { content: { version?: string } } };
  expect(ready.checks.content.version).toBe(published.body.version);

  // The same If-Match again is now stale: 409 with both versions and the live entry.
  const stale = await call('POST', '/staff/api/entries/pn.about/alternates', { lang: 'vi', text: 'pn có phải tổ chức từ thiện không' }, { 'If-Match': `"${version}"` });
  expect(stale.status).toBe(409);
  expect(stale.body).toMatchObject({ error: 'entry_changed', conflicts: [{ entryId: 'pn.about', expected: version }] });

  const history = await call('GET', '/staff/api/history');
  expect(history.body.live).toBe(published.body.version);
  expect((history.body.versions as { actor: string; entries: string[] }[])[0]).toMatchObject({ actor: 'token', entries: ['pn.about'] });
});

test('unknown entries are 404, and an id is never a path', async () => {
  expect((await call('POST', '/staff/api/entries/pn.nothing/alternates', { lang: 'vi', text: 'x' })).status).toBe(404);
  expect((await call('GET', `/staff/api/entries/${encodeURIComponent('../package.json')}`)).status).toBe(404);
  expect((await call('POST', '/staff/api/entries/pn.about/alternates', { lang: 'fr', text: 'x' })).status).toBe(400);
});

test('a broken edit is 422 with the findings in both languages, and students never get it', async () => {
  const before = readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8');
  const entry = await call('GET', '/staff/api/entries/pn.about');
  const answer = entry.body.answer as { vi: string; en: string };
  const broken = await call('PUT', '/staff/api/entries/pn.about', { answer: { vi: answer.vi, en: 'Click [here](javascript:alert(1)) for PN.' } }, { 'If-Match': String(entry.body.version) });
  expect(broken.status).toBe(422);
  const findings = broken.body.findings as { code: string; message: { vi: string; en: string } }[];
  expect(findings.map((finding) => finding.code)).toContain('unsafeLink');
  expect(findings[0]?.message.vi).not.toBe(findings[0]?.message.en);
  expect(readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8')).toBe(before);
  expect((await call('PUT', '/staff/api/entries/pn.about', { reviewed: '2026-12-03' })).status).toBe(428);
});

test('undo makes a new version equal to the one before the alternate', async () => {
  const history = await call('GET', '/staff/api/history');
  const versions = history.body.versions as { id: string; kind: string }[];
  const seed = versions.find((version) => version.kind === 'seed');
  // The version restored may bring back warnings accepted when it was live (a self-test "did you mean").
  const undone = await call('POST', `/staff/api/history/${seed?.id ?? ''}/undo`, { acceptWarnings: true });
  expect(undone.status).toBe(200);
  expect(readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8')).toBe(readFileSync(path.join(KNOWLEDGE_DIR, 'pn.yaml'), 'utf8'));
  const after = await call('GET', '/staff/api/history');
  expect((after.body.versions as { kind: string; restores?: string }[])[0]).toMatchObject({ kind: 'undo', restores: seed?.id });
  expect((await call('POST', '/staff/api/history/v20990101000000000-00000000/undo')).status).toBe(404);
});

test('an inbox publish based on a preview that another edit overtook is 409 with the live entry, and nothing changes', async () => {
  const question = 'học bổng PN có trả tiền xe buýt cho học sinh không';
  const action = { kind: 'alternate', entryId: 'pn.scholarship', questions: [{ text: question, lang: 'vi' }] };
  const preview = await call('POST', '/staff/api/inbox/preview', { action });
  expect(preview.status).toBe(200);
  const base = preview.body.baseEntryVersions as Record<string, string>;
  expect(Object.keys(base)).toEqual(['pn.scholarship']);

  // Another officer edits the same entry between the preview and the publish.
  const other = await call('POST', '/staff/api/entries/pn.scholarship/alternates', { lang: 'en', text: 'does the scholarship pay for the bus to school', acceptWarnings: true });
  expect(other.status).toBe(200);
  const before = readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8');

  const stale = await call('POST', '/staff/api/inbox/publish', { action, ifMatch: base, acceptWarnings: true });
  expect(stale.status).toBe(409);
  const conflicts = stale.body.conflicts as { entryId: string; expected: string; actual: string; live?: { id: string; version: string } }[];
  expect(conflicts).toHaveLength(1);
  expect(conflicts[0]).toMatchObject({ entryId: 'pn.scholarship', expected: base['pn.scholarship'] });
  expect(conflicts[0]?.live).toMatchObject({ id: 'pn.scholarship', version: conflicts[0]?.actual });
  expect(readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8')).toBe(before);
  // (A publish with the versions of a fresh preview succeeds: tests/staff/console/console-browser.test.ts.)
});
