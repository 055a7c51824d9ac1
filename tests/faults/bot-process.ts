/** The real bot process for fault tests, with small helpers to talk to it and read its state. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { startBot, type Exit } from '../integration/harness';

export interface RunningBot {
  url: string;
  say(activity: Record<string, unknown>): Promise<{ status: number; activities: Activity[] }>;
  readiness(): Promise<{ status: number; checks: Record<string, { ok: boolean; error?: string }> }>;
  stop(): Promise<Exit>;
  signal(name: NodeJS.Signals): void;
  exited: Promise<Exit>;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function runBot(env: Record<string, string>): Promise<RunningBot> {
  const bot = startBot({ WATCH_CONTENT: 'false', ...env });
  const port = await bot.port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    exited: bot.exited,
    async say(activity) {
      const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await response.text();
      const body = text ? (JSON.parse(text) as { activities?: Activity[] }) : {};
      return { status: response.status, activities: body.activities ?? [] };
    },
    async readiness() {
      const response = await fetch(`${url}/readyz`);
      const body = (await response.json()) as { checks: Record<string, { ok: boolean; error?: string }> };
      return { status: response.status, checks: body.checks };
    },
    async stop() {
      bot.child.kill('SIGTERM');
      return bot.exited;
    },
    signal: (name) => bot.child.kill(name),
  };
}

/** Polls until `done` holds (a watcher or a reconnect takes a moment); fails with the last value. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
