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
  suggestedActions?: { actions: { title: string }[] };
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

const texts = (replies: Reply[]) => replies.map((reply) => reply.text ?? '');

let azurite: ChildProcess;
let env: Record<string, string>;
let dataDir: string;

beforeAll(async () => {
  const blobPort = await freePort();
  azurite = await startAzurite(blobPort);
  dataDir = mkdtempSync(path.join(tmpdir(), 'pn-flow-data-'));
  env = { STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(blobPort), BLOB_CONTAINER: 'flows-http', DATA_DIR: dataDir, WATCH_CONTENT: 'false' };
});

afterAll(() => {
  azurite?.kill('SIGTERM');
});

test('the contact form survives a restart of the bot and the lead is stored with its reference', async () => {
  const chat = conversation({ locale: 'vi-VN' });

  let bot = startBot(env);
  let port = await bot.port;
  expect(texts(await say(port, chat.click({ action: 'flow', flow: 'contact' })))).toContain('Bạn tên là gì?');
  expect(texts(await say(port, chat.message('Nguyễn Văn An')))).toEqual(['Số điện thoại di động hoặc email để cán bộ liên hệ với bạn?']);
  bot.child.kill('SIGTERM');
  expect((await bot.exited).code).toBe(0);

  // A new process: the form goes on where it was, from Blob storage.
  bot = startBot(env);
  port = await bot.port;
  const afterRestart = await say(port, chat.message('0912 345 678'));
  expect(afterRestart).toHaveLength(1);
  const areaButtons = afterRestart[0].suggestedActions?.actions.map((action) => action.title) ?? [];
  expect(areaButtons.length).toBeGreaterThanOrEqual(3);
  await say(port, chat.message(areaButtons[0]));
  const consent = texts(await say(port, chat.message('Tiếng Việt')));
  expect(consent.join('\n')).toContain('xóa dữ liệu');

  const confirmation = texts(await say(port, chat.message('Có'))).join('\n');
  const reference = /PN-[2-9A-HJKMNP-Z]{6}/.exec(confirmation)?.[0];
  expect(confirmation).toContain('Cảm ơn Nguyễn Văn An');
  expect(reference).toBeDefined();
  const leads = readFileSync(path.join(dataDir, 'leads.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(leads).toEqual([expect.objectContaining({ kind: 'lead', reference, answers: expect.objectContaining({ name: 'Nguyễn Văn An', contact: '0912345678', consent: true }) })]);

  // And the student can take it back.
  const deleted = texts(await say(port, chat.message('xóa dữ liệu'))).join('\n');
  expect(deleted).toContain('1');
  expect(readFileSync(path.join(dataDir, 'leads.jsonl'), 'utf8')).toBe('');
  bot.child.kill('SIGTERM');
  await bot.exited;
});
