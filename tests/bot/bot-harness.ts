/**
 * The admissions bot (src/bot/bot.ts) on botbuilder's in-memory TestAdapter, with the
 * real content (knowledge base, dialogs, strings) and a record store in a temporary folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import pino from 'pino';
import { createTurnErrorHandler } from '../../src/bot/adapter';
import { AdmissionsBot } from '../../src/bot/bot';
import { loadContentBundle, type ContentBundle } from '../../src/core/content/bundle';
import { createTranslator } from '../../src/core/content/catalogue';
import { EngineStateRepo, type TurnPorts } from '../../src/core/engine';
import { MemoryStateStore } from '../../src/core/state';
import { newReference } from '../../src/core/flows';
import { JsonlRecordStore } from '../../src/core/records';

const ROOT = path.resolve(__dirname, '../..');
export const t = createTranslator(path.join(ROOT, 'locales'));

let contentLoad: Promise<ContentBundle> | undefined;
export function realContent(): Promise<ContentBundle> {
  contentLoad ??= loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
  return contentLoad;
}

export interface BotUnderTest {
  adapter: TestAdapter;
  content: ContentBundle;
  records: JsonlRecordStore;
  ports: TurnPorts;
}

/** Record stores the harness opened: closed after each test, so no file handle is left to the garbage collector. */
const openStores: JsonlRecordStore[] = [];
afterEach(async () => {
  await Promise.all(openStores.splice(0).map((records) => records.close()));
});

export async function botUnderTest(ports: Partial<TurnPorts> = {}, template: Partial<Activity> = {}): Promise<BotUnderTest> {
  const content = await realContent();
  const logger = pino({ level: 'silent' });
  const records = new JsonlRecordStore(mkdtempSync(path.join(tmpdir(), 'bot-records-')));
  openStores.push(records);
  const store = new EngineStateRepo(new MemoryStateStore());
  const allPorts: TurnPorts = {
    append: (kind, data) => records.append(kind, data),
    appendOnce: (kind, data, key) => records.appendOnce(kind, data, key),
    deleteUserData: async (who) => (await store.deleteAll(who), 0),
    logger,
    ...ports,
  };
  const bot = new AdmissionsBot({ content: () => content, store, ports: allPorts, options: { maxMessageLength: 2000 }, newReference: () => newReference() });
  const adapter = new TestAdapter((context: TurnContext) => bot.run(context), template);
  adapter.onTurnError = createTurnErrorHandler({ logger, t });
  return { adapter, content, records, ports: allPorts };
}

export function values(activity: Partial<Activity>): unknown[] {
  return (activity.suggestedActions?.actions ?? []).map((action) => action.value);
}

export function titles(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((action) => action.title);
}

/** A user joining the conversation, as channels announce it. */
export function join(adapter: TestAdapter, extra: Partial<Activity> = {}): Partial<Activity> {
  const { bot, user } = adapter.conversation;
  return { type: 'conversationUpdate', membersAdded: [bot, user!], ...extra };
}

export function click(value: Record<string, unknown>, extra: Partial<Activity> = {}): Partial<Activity> {
  return { type: 'message', value, ...extra };
}
