/**
 * Starts the real server (restify + CloudAdapter + bot) on a free port with the
 * real knowledge base, and posts activities over HTTP with deliveryMode
 * "expectReplies", the way the local Web Chat page does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTranslator, type Translator } from '../../src/core/content/catalogue';
import type { KnowledgeAnswerer } from '../../src/core/knowledge/load-answerer';
import type { Lang } from '../../src/core/knowledge/types';
import type { RunningServer } from '../../src/server/server';
import { botArguments } from './bot-command';

export const ROOT = path.resolve(__dirname, '../..');
export const KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');
export const DIALOGS_DIR = path.join(ROOT, 'dialogs');
export const LOCALES_DIR = path.join(ROOT, 'locales');

export const t: Translator = createTranslator(LOCALES_DIR);

export interface TestServer extends RunningServer {
  app: App;
  answerer: KnowledgeAnswerer;
  /** Where this server's records are written (a fresh temporary folder). */
  dataDir: string;
  /** POSTs one activity; `activities` are the bot's replies (empty when none). */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<PostResult>;
  postRaw(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
}

export interface PostResult {
  status: number;
  activities: Activity[];
}

/**
 * The app production runs (src/app.ts createApp), on a free loopback port, with its
 * storage (bounded memory unless the env says otherwise), no file watching and a fresh data folder.
 */
export async function startTestServer(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'pn-http-data-'));
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    WATCH_CONTENT: 'false',
    KNOWLEDGE_DIR,
    DIALOGS_DIR,
    LOCALES_DIR,
    DATA_DIR: dataDir,
    ...env,
  });
  const app = await createApp(config, {
    logger: pino({ level: 'silent' }),
    host: '127.0.0.1',
    ...overrides,
  });
  const server = await app.start();
  const postRaw = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
  return {
    ...server,
    async close(drainMs?: number) {
      await server.close(drainMs);
      for (const hook of app.closeHooks) await hook.close();
    },
    app,
    answerer: app.content.current.answerer,
    dataDir,
    postRaw,
    async post(activity, headers) {
      const { status, text } = await postRaw(JSON.stringify(activity), headers);
      const body = text ? (JSON.parse(text) as { activities?: Activity[] }) : {};
      return { status, activities: body.activities ?? [] };
    },
  };
}

let conversationCounter = 0;

/** A fresh conversation with one user, as a channel would address it. */
export function conversation(options: { channelId?: string; locale?: string; userId?: string } = {}) {
  conversationCounter += 1;
  const id = `conv-${process.pid}-${conversationCounter}`;
  const base = {
    channelId: options.channelId ?? 'webchat',
    serviceUrl: 'http://127.0.0.1:1',
    conversation: { id },
    from: { id: options.userId ?? `user-${id}`, name: 'Student', role: 'user' },
    recipient: { id: 'pn-bot', name: 'PN', role: 'bot' },
    locale: options.locale,
    deliveryMode: 'expectReplies',
  };
  let sequence = 0;
  const nextId = () => `${id}-${(sequence += 1)}`;
  return {
    id,
    message: (text: string | undefined, extra: Record<string, unknown> = {}) => ({
      ...base,
      id: nextId(),
      type: 'message',
      text,
      ...extra,
    }),
    click: (value: Record<string, unknown>) => ({ ...base, id: nextId(), type: 'message', value }),
    join: () => ({
      ...base,
      id: nextId(),
      type: 'conversationUpdate',
      membersAdded: [{ id: base.recipient.id }, { id: base.from.id }],
    }),
    activity: (type: string, extra: Record<string, unknown> = {}) => ({ ...base, id: nextId(), type, ...extra }),
  };
}

/** The values of a reply's buttons (suggested actions), for routing checks. */
export function buttonValues(activity: Activity): unknown[] {
  return (activity.suggestedActions?.actions ?? []).map((action) => action.value);
}

export function buttonTitles(activity: Activity): string[] {
  return (activity.suggestedActions?.actions ?? []).map((action) => action.title);
}

export interface Trace {
  entryId: string | null;
  confidence: number;
  decision: 'answer' | 'suggest' | 'fallback';
  candidates: string[];
}

/** The decision trace of a knowledge-base reply (channelData without the `says` labels). */
export function traceOf(activity: Activity): Trace | undefined {
  const data = activity.channelData as (Trace & { says?: string[] }) | undefined;
  if (!data || data.decision === undefined) return undefined;
  const { entryId, confidence, decision, candidates } = data;
  return { entryId, confidence, decision, candidates };
}

/** What a reply says, as labels (channelData.says: "key:help.text", "entry:pn.about", "prompt:contact.name"). */
export function saysOf(activity: Activity): string[] {
  return (activity.channelData as { says?: string[] } | undefined)?.says ?? [];
}

/**
 * The language a knowledge-base reply is in, judged by what the user sees:
 * the entry's answer, the "did you mean" text or the fallback text in that language.
 */
export function replyLanguage(activity: Activity, answerer: KnowledgeAnswerer): Lang | 'unknown' {
  const trace = traceOf(activity);
  const text = activity.text ?? '';
  for (const lang of ['vi', 'en'] as const) {
    if (trace?.entryId) {
      const entry = answerer.entry(trace.entryId);
      if (entry && text.startsWith(entry.answer[lang])) return lang;
    } else if (text === t(lang, 'suggest.text') || text === t(lang, 'fallback.text')) {
      return lang;
    }
  }
  return 'unknown';
}

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real bot process (see bot-command.ts), on a free port; `port` resolves once it is ready. */
export function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, botArguments(), {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', MicrosoftAppId: '', MicrosoftAppPassword: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const port = new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /"port":(\d+)/.exec(stdout);
      if (match && stdout.includes('"msg":"ready')) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    void exited.then((exit) => reject(new Error(`bot exited with ${exit.code}: ${exit.stderr}`)));
  });
  // Tests that expect an exit never wait for the port: keep its rejection from counting as unhandled.
  port.catch(() => undefined);
  return { child, port, exited };
}
