/**
 * Staff edit a YAML file under a running bot (the real process, file system and
 * watcher): the next answer changes; a broken edit keeps the old answer and flips
 * /readyz to stale with the file:line error; fixing the file brings it back. The bot serves
 * the small knowledge folder of the content tests (tests/fixtures/content), without guided
 * flows: every reload compiles again, 4-5 s of CPU on the real folder, which at a load of 10
 * or more took the edited answer past this test's 20 s wait.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, conversation, startBot } from './harness';

const QUESTION = 'PN là tổ chức gì vậy ạ?';

async function ask(url: string, text: string): Promise<{ text: string; entryId: unknown }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(conversation().message(text)),
  });
  const body = (await response.json()) as { activities: { text?: string; channelData?: { entryId?: unknown } }[] };
  const reply = body.activities[0];
  return { text: reply.text ?? '', entryId: reply.channelData?.entryId };
}

async function readiness(url: string): Promise<{ status: number; body: { checks: Record<string, { ok: boolean; error?: string }> } }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, { ok: boolean; error?: string }> } };
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    // A reload trains the matcher for a few seconds on the event loop: a keep-alive socket can be
    // reset meanwhile (ECONNRESET). That is a failed probe, not a failed test; the next one retries.
    let value: T | undefined;
    let failure: unknown;
    try {
      value = await probe();
    } catch (error) {
      failure = error;
    }
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value ?? String(failure))}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('live reload of the knowledge base', () => {
  let dir: string;
  let bot: ReturnType<typeof startBot>;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pn-live-'));
    await cp(path.join(ROOT, 'tests/fixtures/content/knowledge'), path.join(dir, 'knowledge'), { recursive: true });
    // The real guided flows offer entries the small knowledge base does not have.
    await mkdir(path.join(dir, 'dialogs'));
    bot = startBot({ KNOWLEDGE_DIR: path.join(dir, 'knowledge'), DIALOGS_DIR: path.join(dir, 'dialogs'), DATA_DIR: path.join(dir, 'data') });
    url = `http://127.0.0.1:${await bot.port}`;
  }, 60_000);

  afterAll(async () => {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it('serves an edit within seconds, survives a broken edit, and recovers when it is fixed', async () => {
    const file = path.join(dir, 'knowledge', 'pn.yaml');
    const original = await readFile(file, 'utf8');
    const before = await ask(url, QUESTION);
    expect(before.entryId).toBe('pn.about');
    expect((await readiness(url)).status).toBe(200);

    // 1. A staff edit of the answer goes live without a restart.
    const marker = 'Câu trả lời mới do cán bộ vừa sửa.';
    const edited = original.replace(/(- id: pn\.about[\s\S]*?answer:\s*\n\s*vi: \|\n)/, `$1        ${marker}\n`);
    expect(edited).not.toBe(original);
    await writeFile(file, edited);
    await eventually(() => ask(url, QUESTION), (reply) => reply.text.startsWith(marker), 'the edited answer');

    // 2. A broken edit: the last good answer stays, /readyz says why.
    await writeFile(file, edited.replace('- id: pn.about', '- id: pn.about\n    bad indentation: [unclosed'));
    const stale = await eventually(() => readiness(url), (ready) => ready.status === 503, 'readyz to report stale content');
    expect(stale.body.checks.content.ok).toBe(false);
    expect(stale.body.checks.content.error).toMatch(/pn\.yaml:\d+:\d+/);
    expect((await ask(url, QUESTION)).text.startsWith(marker)).toBe(true);

    // 3. Fixing the file brings readiness back, with the fixed content.
    await writeFile(file, original);
    await eventually(() => readiness(url), (ready) => ready.status === 200, 'readyz to recover');
    const after = await ask(url, QUESTION);
    expect(after.entryId).toBe('pn.about');
    expect(after.text.startsWith(marker)).toBe(false);
  }, 90_000);
});
