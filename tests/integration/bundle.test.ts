/**
 * The one-file build `npm start` runs (scripts/bundle.ts, scripts/bundle-start.ts): built
 * into a folder of its own, it starts with its code cache, opens the content compiled from
 * the sources (no training), and answers over HTTP as the bot built from the sources does,
 * also with an app id and a token from a local stand-in issuer (tests/helpers/bot-token-issuer.ts).
 */
import { spawn, execFileSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { readContentSources } from '../../src/core/content/bundle';
import { knowledgeHash } from '../../src/core/knowledge/compiled';
import { artefactStoreFromEnv } from '../../src/core/storage/artefacts';
import { TEST_BUNDLE_ENV } from './bot-command';
import { startBotTokenIssuer } from '../helpers/bot-token-issuer';
import { conversation, traceOf } from './harness';

const ROOT = path.resolve(__dirname, '../..');
/**
 * The build the global setup made of the current sources with scripts/bundle.ts (the other
 * suites' bot processes run it too); when that build failed, or this file runs without the
 * global setup, it is built here, so that a build that fails fails this test with its error.
 */
const GLOBAL_BUILD = process.env[TEST_BUNDLE_ENV];
const BUNDLE_DIR = GLOBAL_BUILD ?? path.join(ROOT, 'dist', `test-bundle-${process.pid}`);
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pn-bundle-'));
  if (!GLOBAL_BUILD) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bundle.ts'], { cwd: ROOT, env: { ...process.env, BUNDLE_DIR }, stdio: 'pipe' });
}, 300_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (!GLOBAL_BUILD) rmSync(BUNDLE_DIR, { recursive: true, force: true });
});

interface Started {
  port: number;
  stderr: () => string;
  stop: () => Promise<number | null>;
}

/**
 * One request on a connection of its own (node:http without an agent), not fetch: fetch's
 * pooled connection to the bot, which the test then stops, kept jest's worker alive for about
 * half a second after the suite, past jest's limit ("A worker process has failed to exit
 * gracefully ... tests leaking due to improper teardown").
 */
function fetchOnce(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; json: () => Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: async () => JSON.parse(text) as unknown }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(init.body);
  });
}

function startBundle(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [path.join(BUNDLE_DIR, 'start.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WATCH_CONTENT: 'false', MicrosoftAppId: '', MicrosoftAppPassword: '', CODE_CACHE_DEBUG: '1', DATA_DIR: path.join(work, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const port = /"port":(\d+)/.exec(stdout)?.[1];
      if (port && stdout.includes('"msg":"ready')) {
        resolve({
          port: Number(port),
          stderr: () => stderr,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`the bundled bot exited with ${code}: ${stderr}`)));
  });
}

it('starts with its code cache, opens the content the sources compiled and answers a question', async () => {
  // The compiled-content folder the suite's global setup filled from the sources (CONTENT_CACHE_DIR or
  // .cache/content): the bundle hashes the matching code as the sources do, so it opens that bundle.
  const store = artefactStoreFromEnv();
  const sources = await readContentSources({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
  expect(await store.read(`knowledge-${knowledgeHash(sources.knowledge)}`)).toBeDefined();
  const bot = await startBundle({});
  try {
    expect(bot.stderr()).toContain('code cache: used');
    expect(bot.stderr()).not.toContain('compiled content store unavailable');
    const chat = conversation({ locale: 'en-US' });
    const response = await fetchOnce(`http://127.0.0.1:${bot.port}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(chat.message('Who can apply to PN?')),
    });
    const { activities } = (await response.json()) as { activities: Activity[] };
    expect(activities.map(traceOf).find(Boolean)).toMatchObject({ decision: 'answer', entryId: 'pn.eligibility' });
    // The bundle is ASCII (read as latin1 at start): the regular expressions that read Vietnamese were escaped, not broken.
    expect(isAscii(readFileSync(path.join(BUNDLE_DIR, 'bot.js')))).toBe(true);
    const vietnamese = await fetchOnce(`http://127.0.0.1:${bot.port}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(chat.message('Điều kiện để được đăng ký vào PN là gì ạ?')),
    });
    const replies = ((await vietnamese.json()) as { activities: Activity[] }).activities;
    expect(replies.map(traceOf).find(Boolean)).toMatchObject({ decision: 'answer', entryId: 'pn.eligibility' });
    const ready = await fetchOnce(`http://127.0.0.1:${bot.port}/readyz`);
    expect(ready.status).toBe(200);
  } finally {
    expect(await bot.stop()).toBe(0);
  }
}, 300_000);

it('answers a message with an app id and a valid token: the token is checked by the packages loaded at first use (scripts/lazy-packages.ts)', async () => {
  const issuer = await startBotTokenIssuer();
  const appId = '00000000-0000-0000-0000-000000000002';
  const bot = await startBundle({ MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret', ...issuer.env(appId) });
  try {
    const activity = conversation({ locale: 'en-US' }).message('Who can apply to PN?');
    const post = (authorization: string) =>
      fetchOnce(`http://127.0.0.1:${bot.port}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: authorization }, body: JSON.stringify(activity) });
    const response = await post(`Bearer ${issuer.token(appId, activity.serviceUrl as string)}`);
    expect(response.status).toBe(200);
    const { activities } = (await response.json()) as { activities: Activity[] };
    expect(activities.map(traceOf).find(Boolean)).toMatchObject({ decision: 'answer', entryId: 'pn.eligibility' });
    // The same issuer's token for another bot, or for another service URL, is refused.
    expect((await post(`Bearer ${issuer.token('00000000-0000-0000-0000-000000000003', activity.serviceUrl as string)}`)).status).toBe(401);
    expect((await post(`Bearer ${issuer.token(appId, 'https://elsewhere.example')}`)).status).toBe(401);
    expect(bot.stderr()).not.toMatch(/TypeError|Cannot find module/);
  } finally {
    expect(await bot.stop()).toBe(0);
    await issuer.close();
  }
}, 300_000);

it('checks tokens with an app id: the packages it loads at first use (scripts/lazy-packages.ts) load and answer', async () => {
  const bot = await startBundle({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
  try {
    const post = (headers: Record<string, string>) =>
      fetchOnce(`http://127.0.0.1:${bot.port}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(conversation().message('Xin chào')) });
    expect((await post({})).status).toBe(401);
    expect((await post({ Authorization: 'Bearer abc.def.ghi' })).status).toBe(401);
    expect((await fetchOnce(`http://127.0.0.1:${bot.port}/readyz`)).status).toBe(200);
    expect(bot.stderr()).not.toMatch(/TypeError|Cannot find module/);
  } finally {
    expect(await bot.stop()).toBe(0);
  }
}, 300_000);

it("works out the staff console's confusable neighbours in the build's worker process (neighbours-worker.js)", async () => {
  // The small knowledge base where pn.tuition and pn.fees are asked in the same words; no guided flows (the real ones offer other entries).
  const knowledge = path.join(work, 'neighbours', 'knowledge');
  cpSync(path.join(ROOT, 'tests/fixtures/kb-check/neighbours'), knowledge, { recursive: true });
  mkdirSync(path.join(work, 'neighbours', 'dialogs'));
  const token = 'bundle-neighbours-token-0123456789-abcdef';
  const bot = await startBundle({ KNOWLEDGE_DIR: knowledge, DIALOGS_DIR: path.join(work, 'neighbours', 'dialogs'), STAFF_TOKEN: token, CONTENT_CACHE_DIR: path.join(work, 'neighbours', 'compiled'), DATA_DIR: path.join(work, 'neighbours', 'data') });
  try {
    const ask = () => fetchOnce(`http://127.0.0.1:${bot.port}/staff/api/entries/pn.tuition/neighbours`, { headers: { Authorization: `Bearer ${token}` } });
    let answer = await ask();
    expect(answer.status).toBe(202);
    while (answer.status === 202) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await ask();
    }
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { neighbours: { id: string }[] }).neighbours.map((neighbour) => neighbour.id)).toContain('pn.fees');
    expect(bot.stderr()).not.toMatch(/TypeError|Cannot find module/);
  } finally {
    expect(await bot.stop()).toBe(0);
  }
}, 300_000);
