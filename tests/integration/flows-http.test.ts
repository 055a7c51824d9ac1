/**
 * A guided flow through the real bot process over HTTP, with Azurite as durable Blob
 * storage: the contact form started before a restart goes on after it, and the lead is
 * in data/leads.jsonl, with the reference the student was given.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectionString, freePort, startAzurite } from './azurite';
import { conversation, startBot } from './harness';

jest.setTimeout(90_000);

interface Reply {
  text?: string;
  channelData?: { says?: string[] };
}

async function say(port: number, activity: Record<string, unknown>): Promise<Reply[]> {
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { activities: Reply[] }).activities;
}

/** What each reply says, by ids (channelData.says). */
const says = (replies: Reply[]) => replies.flatMap((reply) => reply.channelData?.says ?? []);

let azurite: ChildProcess;
let env: Record<string, string>;
let dataDir: string;

beforeAll(async () => {
  const blobPort = await freePort();
  azurite = await startAzurite(blobPort);
  dataDir = mkdtempSync(path.join(tmpdir(), 'pn-flow-data-'));
  // State in Blob, records kept apart in files (RECORDS_STORAGE): the lead is read from leads.jsonl below.
  env = { STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(blobPort), BLOB_CONTAINER: 'flows-http', RECORDS_STORAGE: 'jsonl', DATA_DIR: dataDir, WATCH_CONTENT: 'false' };
});

/** Bot processes this file started: stopped after each test even when an assertion failed (else jest never exits). */
const started: Array<ReturnType<typeof startBot>> = [];
const start = () => {
  const bot = startBot(env);
  started.push(bot);
  return bot;
};

afterEach(async () => {
  for (const bot of started.splice(0)) {
    if (bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
  }
});

afterAll(() => {
  azurite?.kill('SIGTERM');
});

test('the contact form survives a restart of the bot and the lead is stored with its reference', async () => {
  const chat = conversation({ locale: 'vi-VN' });

  let bot = start();
  let port = await bot.port;
  expect(says(await say(port, chat.click({ action: 'flow', flow: 'contact' })))).toEqual(['intro:contact', 'prompt:contact.name']);
  expect(says(await say(port, chat.message('Nguyễn Văn An')))).toEqual(['prompt:contact.contact']);
  bot.child.kill('SIGTERM');
  expect((await bot.exited).code).toBe(0);

  // A new process: the form goes on where it was, from Blob storage.
  bot = start();
  port = await bot.port;
  expect(says(await say(port, chat.message('0912 345 678')))).toEqual(['prompt:contact.interest']);
  expect(says(await say(port, chat.click({ action: 'answer', step: 'interest', value: 'pn' })))).toEqual(['prompt:contact.language']);
  expect(says(await say(port, chat.message('Tiếng Việt')))).toEqual(['prompt:contact.consent']);

  const confirmation = await say(port, chat.message('Có'));
  expect(says(confirmation)).toEqual(['outcome:contact.saved', 'next:contact.saved']);
  const reference = /PN-[2-9A-HJKMNP-Z]{6}/.exec(confirmation.map((reply) => reply.text ?? '').join('\n'))?.[0];
  expect(reference).toBeDefined();
  const leads = readFileSync(path.join(dataDir, 'leads.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(leads).toEqual([expect.objectContaining({ kind: 'lead', reference, answers: expect.objectContaining({ name: 'Nguyễn Văn An', contact: '0912345678', consent: true }) })]);

  // And the student can take it back, after confirming.
  expect(says(await say(port, chat.message('xóa dữ liệu')))).toEqual(['key:privacy.confirm']);
  expect(readFileSync(path.join(dataDir, 'leads.jsonl'), 'utf8')).not.toBe('');
  const deleted = await say(port, chat.message('có'));
  expect(says(deleted)).toEqual(['key:privacy.deleted']);
  expect(deleted[0]?.text).toContain('1');
  expect(readFileSync(path.join(dataDir, 'leads.jsonl'), 'utf8')).toBe('');
  bot.child.kill('SIGTERM');
  await bot.exited;
});
