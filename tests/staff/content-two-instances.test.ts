/**
 * Issue 19 on two real bot processes sharing one Azurite, the way App Service scales
 * out: a publish on one instance is answered by the other (the seconds it takes are
 * printed), two staff publishing the same entry at once on different instances get one
 * 200 and one 409 with nothing lost, and edits to different entries both land. A
 * redeploy (a new image) updates files staff did not touch, keeps the ones they did,
 * and lists the files both sides changed. The instances serve the small knowledge folder of
 * the content tests (tests/fixtures/content), without guided flows: each instance compiles
 * what it seeds and each publish retrains, 4-5 s of CPU apiece on the real folder and a
 * fraction of a second on this one (publishing the real files: console-browser.test.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BlobContentStore } from '../../src/core/staff/blob-store';
import { createContentChecker } from '../../src/core/staff/check-files';
import { ContentRepository, readContentFolder } from '../../src/core/staff/content-repository';
import { createContentService } from '../../src/core/staff/content-service';
import { followImage } from '../../src/core/staff/image-merge';
import { pullFromBot, pullFromStore, writePulled } from '../../src/core/staff/pull';
import { containerClient } from '../../src/core/storage/blob-container';
import { eventually, runBot, tempDir, type RunningBot } from '../faults/bot-process';
import { connectionString, freePort, startAzurite } from '../integration/azurite';
import { conversation, ROOT, traceOf } from '../integration/harness';

jest.setTimeout(420_000);

const TOKEN = 'two-instances-staff-token-0123456789abcdef';
const FIXTURE = path.join(ROOT, 'tests/fixtures/content/knowledge');
/** Not an answer of pn.about before it is published as one of its alternates. */
const QUESTION = 'ký túc xá có wifi không ạ';
let azurite: ChildProcess;
let blob: string;
let instances: RunningBot[] = [];

beforeAll(async () => {
  // The real guided flows offer entries the small knowledge base does not have.
  const noDialogs = await tempDir('pn-no-dialogs-');
  const port = await freePort();
  azurite = await startAzurite(port);
  blob = connectionString(port);
  const env = async (name: string) => ({
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: blob,
    BLOB_CONTAINER: 'state-content',
    CONTENT_CONTAINER: 'content-two',
    STAFF_TOKEN: TOKEN,
    // Each instance has its own disk: the compiled content reaches the other one through Blob.
    DATA_DIR: await tempDir(`pn-content-${name}-`),
    CONTENT_CACHE_DIR: await tempDir(`pn-content-cache-${name}-`),
    KNOWLEDGE_DIR: FIXTURE,
    DIALOGS_DIR: noDialogs,
  });
  // One after the other: the first seeds the content container, the second finds it.
  instances = [await runBot(await env('a'))];
  instances.push(await runBot(await env('b')));
});

afterAll(async () => {
  await Promise.all(instances.map((bot) => bot.stop()));
  azurite?.kill();
});

async function api(bot: RunningBot, method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${bot.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function answeredBy(bot: RunningBot, text: string): Promise<string | undefined> {
  const { activities } = await bot.say(conversation({ locale: 'vi-VN' }).message(text));
  return activities.map(traceOf).find((trace) => trace?.entryId)?.entryId ?? undefined;
}

async function contentVersion(bot: RunningBot): Promise<string | undefined> {
  const response = await fetch(`${bot.url}/readyz`);
  return ((await response.json()) as { checks: { content: { version?: string } } }).checks.content.version;
}

test('both instances serve the one seeded version', async () => {
  const [a, b] = instances as [RunningBot, RunningBot];
  expect(await contentVersion(a)).toMatch(/^v\d{17}-/);
  expect(await contentVersion(b)).toBe(await contentVersion(a));
});

test('an alternate published on one instance is answered by the other', async () => {
  const [a, b] = instances as [RunningBot, RunningBot];
  const question = QUESTION;
  expect(await answeredBy(b, question)).not.toBe('pn.about');
  const entry = await api(a, 'GET', '/staff/api/entries/pn.about');
  // acceptWarnings: retraining can raise a self-test warning about another entry (a one-word phrasing only
  // "suggested"); staff accept those in the console. Refusing unaccepted warnings is content-service.test's job.
  const published = await api(a, 'POST', '/staff/api/entries/pn.about/alternates', { lang: 'vi', text: question, acceptWarnings: true }, { 'If-Match': `"${String(entry.body.version)}"` });
  expect(published.status).toBe(200);
  const publishedAt = Date.now();
  await eventually(() => contentVersion(b), (version) => version === published.body.version, 'the other instance to serve the new version', 120_000);
  const seconds = (Date.now() - publishedAt) / 1000;
  expect(await answeredBy(b, question)).toBe('pn.about');
  // Reported, not asserted (the machine's load decides it): see bench/RESULTS.md.
  console.log(`publish on instance A -> instance B serving it: ${seconds.toFixed(1)} s`);
});

test('two staff publishing the same entry at once on two instances: one wins, the other gets 409, nothing is lost', async () => {
  const [a, b] = instances as [RunningBot, RunningBot];
  const start = await api(a, 'GET', '/staff/api/entries/pn.about');
  const ifMatch = { 'If-Match': `"${String(start.body.version)}"` };
  // Warnings accepted: this is about the race, not about what the checks think of the phrasings.
  const results = await Promise.all([
    api(a, 'POST', '/staff/api/entries/pn.about/alternates', { lang: 'en', text: 'what is PN all about', acceptWarnings: true }, ifMatch),
    api(b, 'POST', '/staff/api/entries/pn.about/alternates', { lang: 'en', text: 'what kind of organisation is pn', acceptWarnings: true }, ifMatch),
  ]);
  expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
  const winner = results[0]?.status === 200 ? 'what is PN all about' : 'what kind of organisation is pn';
  const loser = results[0]?.status === 200 ? results[1] : results[0];
  expect(loser?.body).toMatchObject({ error: 'entry_changed', conflicts: [{ entryId: 'pn.about', expected: String(start.body.version) }] });
  const live = await api(b, 'GET', '/staff/api/entries/pn.about');
  expect((live.body.alternates as { en: string[] }).en).toContain(winner);

  // Edits to different entries both land: tests/staff/content-service.test.ts (same code path, one process).
});

test('a redeploy updates files staff did not touch, keeps staff edits, and lists files both changed', async () => {
  const fixture = await readContentFolder(FIXTURE);
  const store = new BlobContentStore(containerClient({ connectionString: blob }, 'content-redeploy'));
  const check = createContentChecker();
  const image1 = fixture;
  const repository = new ContentRepository({ store, seed: async () => image1 });
  const service = createContentService({ repository, check });
  // Staff add an alternate to pn.yaml in production.
  const edit = await service.publish({ edits: [{ kind: 'addAlternate', entryId: 'pn.about', lang: 'vi', text: 'pn có uy tín không ạ' }] }, { actor: 'staff' });
  expect(edit.status).toBe('published');
  const staffPn = (await repository.head()).files['pn.yaml'];

  // The developers' next image changes jp.yaml (untouched by staff) and pn.yaml (touched).
  const image2 = {
    ...image1,
    'jp.yaml': (image1['jp.yaml'] ?? '').replace('"japan programme details"', '"details of the japan programme"'),
    'pn.yaml': (image1['pn.yaml'] ?? '').replace('"is PN a french charity"', '"is PN a charity from France"'),
  };
  const merged = await followImage(repository, image2, check);
  expect(merged).toMatchObject({ merged: true, updated: ['jp.yaml'], conflicts: ['pn.yaml'] });
  const head = await repository.head();
  expect(head.files['jp.yaml']).toBe(image2['jp.yaml']);
  expect(head.files['pn.yaml']).toBe(staffPn);
  expect(head.pointer.conflicts?.map((conflict) => conflict.file)).toEqual(['pn.yaml']);
  expect((await service.history())[0]).toMatchObject({ kind: 'image', actor: 'image', changedFiles: ['jp.yaml'] });

  // An instance of the old image still running (a rolling deploy) merges nothing back.
  expect(await followImage(repository, image1, check)).toMatchObject({ merged: false });
  expect((await repository.head()).files['jp.yaml']).toBe(image2['jp.yaml']);
  // The second instance of the new image finds it merged.
  expect(await followImage(repository, image2, check)).toMatchObject({ merged: false });
  expect(readFileSync(path.join(FIXTURE, 'jp.yaml'), 'utf8')).toBe(image1['jp.yaml']);
});

test('content:pull brings the production content into a checkout, from Blob or from a bot\'s API', async () => {
  const [a] = instances as [RunningBot, RunningBot];
  const fromBlob = await pullFromStore(new BlobContentStore(containerClient({ connectionString: blob }, 'content-two')));
  const fromBot = await pullFromBot(a.url, TOKEN);
  expect(fromBot.version).toBe(fromBlob.version);
  const checkout = await tempDir('pn-pull-');
  const { written } = await writePulled(checkout, fromBot);
  expect(written).toContain('pn.yaml');
  expect(readFileSync(path.join(checkout, 'pn.yaml'), 'utf8')).toContain(`- "${QUESTION}"`);
  await expect(pullFromBot(a.url, 'not-the-token-not-the-token-not-the-token')).rejects.toThrow(/401/);
});
