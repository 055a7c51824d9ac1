/**
 * npm run test:faults: the real bot process when something around it fails. Storage down,
 * the staff webhook down, a broken YAML edit during a reload, SIGTERM in the middle of a
 * turn, a disk that turns read-only. In each case: no crash, no 500, the user is told in
 * their language what happened, nothing is shown as saved unless it is, /readyz names
 * the failing part, and the bot recovers on its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connectionString, freePort, startAzurite } from '../integration/azurite';
import { ROOT, conversation, t, traceOf } from '../integration/harness';
import { readOnlyFolder } from '../helpers/read-only-folder';
import { eventually, runBot, tempDir } from './bot-process';

jest.setTimeout(120_000);

const QUESTION_EN = 'Does the PN scholarship cover housing?';

/** An HTTP receiver standing in for the staff webhook; `delayMs` holds each answer back. */
async function webhook(delayMs = 0): Promise<{ url: string; hits: number; arrived: Promise<void>; close: () => Promise<void> }> {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const state = { hits: 0 };
  const server: Server = createServer((req, res) => {
    state.hits += 1;
    arrive();
    req.resume();
    setTimeout(() => res.end('1'), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    get hits() {
      return state.hits;
    },
    arrived,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The hand-over flow in English up to its last answer; returns the conversation and the consent step's activity. */
async function handoverUntilConsent(say: (a: Record<string, unknown>) => Promise<{ status: number }>) {
  const chat = conversation({ locale: 'en-US' });
  expect((await say(chat.message('talk to a person'))).status).toBe(200);
  expect((await say(chat.message('an.nguyen@example.com'))).status).toBe(200);
  return { chat, consent: chat.message('Yes') };
}

async function jsonl(file: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim() === '' ? [] : text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('storage down from the start: questions are still answered, /readyz names the stores, and it recovers by itself', async () => {
  const port = await freePort();
  const bot = await runBot({ STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(port), BLOB_CONTAINER: 'faults', DATA_DIR: await tempDir('pn-faults-') });
  let azurite: Awaited<ReturnType<typeof startAzurite>> | undefined;
  try {
    const chat = conversation({ locale: 'en-US' });
    const down = await bot.say(chat.message(QUESTION_EN));
    expect(down.status).toBe(200);
    // The answer does not need the state: it goes out, in English.
    expect(down.activities.some((a) => traceOf(a)?.entryId)).toBe(true);
    expect(down.activities.map((a) => a.text)).not.toContain(t('en', 'error.generic'));
    // Starting a form would be forgotten at once: the user is told instead.
    const form = await bot.say(chat.message('talk to a person'));
    expect(form.activities.map((a) => a.text)).toEqual([t('en', 'error.stateUnavailable')]);
    const ready = await bot.readiness();
    expect(ready.status).toBe(503);
    expect(ready.checks.storage.ok).toBe(false);
    // Records follow STORAGE: they are in the same (unreachable) Blob account.
    expect(ready.checks.records.ok).toBe(false);

    azurite = await startAzurite(port);
    const back = await eventually(() => bot.say(chat.message(QUESTION_EN)), (r) => r.activities.some((a) => traceOf(a)?.entryId), 'an answer after storage is back');
    expect(back.status).toBe(200);
    expect((await eventually(() => bot.readiness(), (r) => r.status === 200, 'ready')).checks.storage.ok).toBe(true);
  } finally {
    expect((await bot.stop()).code).toBe(0);
    azurite?.kill('SIGTERM');
  }
});

test('staff webhook down: the hand-over is stored and the user gets its reference; the failure is only logged', async () => {
  const dataDir = await tempDir('pn-faults-');
  const closedPort = await freePort();
  const bot = await runBot({ DATA_DIR: dataDir, STAFF_WEBHOOK_URL: `http://127.0.0.1:${closedPort}/hook` });
  try {
    const { consent } = await handoverUntilConsent(bot.say);
    const done = await bot.say(consent);
    expect(done.status).toBe(200);
    const [record] = await jsonl(path.join(dataDir, 'handoffs.jsonl'));
    expect(record).toMatchObject({ kind: 'handoff', answers: expect.objectContaining({ contact: 'an.nguyen@example.com' }) });
    expect(done.activities.map((a) => a.text).join('\n')).toContain(String(record.reference));
  } finally {
    const exit = await bot.stop();
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('staff notification failed; the record is stored');
  }
});

test('SIGTERM in the middle of a turn: the turn finishes, its reply is delivered, its record is on disk, exit code 0', async () => {
  const dataDir = await tempDir('pn-faults-');
  const hook = await webhook(1500);
  const bot = await runBot({ DATA_DIR: dataDir, STAFF_WEBHOOK_URL: hook.url });
  try {
    const { consent } = await handoverUntilConsent(bot.say);
    const pending = bot.say(consent);
    // The turn is now waiting on the slow webhook: stop the bot.
    await hook.arrived;
    bot.signal('SIGTERM');
    const done = await pending;
    expect(done.status).toBe(200);
    const [record] = await jsonl(path.join(dataDir, 'handoffs.jsonl'));
    expect(done.activities.map((a) => a.text).join('\n')).toContain(String(record.reference));
    expect((await bot.exited).code).toBe(0);
  } finally {
    await hook.close();
  }
});

test('a broken YAML edit during a reload: the bot keeps answering from the last good files, /readyz says which file and line, and a fix brings it back', async () => {
  const knowledge = await tempDir('pn-faults-kb-');
  await cp(path.join(ROOT, 'knowledge'), knowledge, { recursive: true });
  const bot = await runBot({ KNOWLEDGE_DIR: knowledge, WATCH_CONTENT: 'true', DATA_DIR: await tempDir('pn-faults-') });
  try {
    const file = path.join(knowledge, 'pn.yaml');
    const good = await readFile(file, 'utf8');
    await writeFile(file, `${good}\n  - id: [broken\n    question: {vi: "x"\n`);
    const stale = await eventually(() => bot.readiness(), (r) => r.checks.content?.ok === false, 'content reported stale');
    expect(stale.status).toBe(503);
    expect(stale.checks.content.error).toMatch(/pn\.yaml:\d+/);
    const answered = await bot.say(conversation({ locale: 'en-US' }).message(QUESTION_EN));
    expect(answered.status).toBe(200);
    expect(answered.activities.some((a) => traceOf(a)?.entryId)).toBe(true);
    await writeFile(file, good);
    await eventually(() => bot.readiness(), (r) => r.status === 200, 'content fresh again');
  } finally {
    expect((await bot.stop()).code).toBe(0);
  }
});

test('a disk that turns read-only: questions are still answered, feedback says it was not saved (no thanks), /readyz names the records, and it recovers', async () => {
  const folder = await readOnlyFolder();
  const bot = await runBot({ DATA_DIR: path.join(folder.dir, 'data') });
  try {
    const chat = conversation({ locale: 'en-US' });
    const first = await bot.say(chat.message(QUESTION_EN));
    const entryId = first.activities.map((a) => traceOf(a)?.entryId).find(Boolean);
    expect(entryId).toBeTruthy();

    await folder.makeReadOnly();
    const answered = await bot.say(chat.message(QUESTION_EN));
    expect(answered.status).toBe(200);
    expect(answered.activities.map((a) => traceOf(a)?.entryId)).toContain(entryId);
    const vote = await bot.say(chat.click({ action: 'feedback', id: entryId, vote: 'up' }));
    expect(vote.activities.map((a) => a.text)).toEqual([t('en', 'feedback.saveFailed')]);
    const ready = await bot.readiness();
    expect(ready.status).toBe(503);
    expect(ready.checks.records.ok).toBe(false);

    await folder.makeWritable();
    const again = await bot.say(chat.click({ action: 'feedback', id: entryId, vote: 'up' }));
    expect(again.activities.map((a) => a.text)).toEqual([t('en', 'feedback.thanksUp')]);
    expect((await bot.readiness()).status).toBe(200);
  } finally {
    expect((await bot.stop()).code).toBe(0);
    await folder.cleanup();
  }
});
