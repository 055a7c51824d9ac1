/**
 * The bot as a process, the way `npm start` runs it: it refuses to start on bad
 * configuration or a broken knowledge file (saying where), and on SIGTERM it
 * stops cleanly with exit code 0. Plus the drain: a turn in flight when the
 * server closes still gets its reply.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonlRecordStore, type RecordData, type RecordKind, type OnceResult } from '../../src/core/records';
import { conversation, startBot, startTestServer, t } from './harness';

describe('the bot process', () => {
  it('refuses to start on invalid configuration and names the variable', async () => {
    const { exited } = startBot({ PORT: 'abc' });
    const exit = await exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('PORT: must be a whole number');
  });

  it('refuses to start on a broken knowledge file and lists file:line:column errors', async () => {
    const { exited } = startBot({ KNOWLEDGE_DIR: 'tests/fixtures/kb/broken' });
    const exit = await exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('Cannot start the bot.');
    expect(exit.stderr).toMatch(/tests\/fixtures\/kb\/broken\/pn\.yaml:6:\d+: "en" is missing/);
  });

  it('serves, then stops cleanly on SIGTERM with exit code 0', async () => {
    const bot = startBot({});
    const port = await bot.port;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const chat = conversation({ locale: 'vi-VN' });
    const reply = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(chat.join()),
    });
    const body = (await reply.json()) as { activities: Array<{ text: string }> };
    expect(body.activities[0].text).toContain(t('vi', 'welcome.title'));
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('"msg":"stopped"');
  });
});

describe('closing the server', () => {
  it('lets a turn in flight finish and send its reply, then refuses new connections', async () => {
    let release: () => void = () => undefined;
    const recorded = new Promise<void>((resolve) => (release = resolve));
    // A slow record store: the feedback turn (feedback is on disk before the thanks) waits here
    // until the test has started closing.
    // (A vote is stored once per click: appendOnce, keyed by the activity.)
    class SlowStore extends JsonlRecordStore {
      override async appendOnce(kind: RecordKind, record: RecordData, key: string): Promise<OnceResult> {
        if (kind === 'feedback') {
          await new Promise<void>((resolve) => setTimeout(resolve, 300));
          release();
        }
        return super.appendOnce(kind, record, key);
      }
    }
    const server = await startTestServer({}, { records: new SlowStore(mkdtempSync(path.join(tmpdir(), 'pn-slow-'))) });
    const chat = conversation({ locale: 'en-US' });
    const inFlight = server.post(chat.click({ action: 'feedback', id: 'pn.about', vote: 'up' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = server.close();
    await recorded;
    const { status, activities } = await inFlight;
    await closed;
    expect(status).toBe(200);
    expect(activities[0].text).toBe(t('en', 'feedback.thanksUp'));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
