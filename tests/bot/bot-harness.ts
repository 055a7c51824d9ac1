/**
 * The admissions bot on botbuilder's in-memory TestAdapter, with the real
 * knowledge base and UI strings, and sinks that remember what they were given.
 */
import path from 'node:path';
import { MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import pino from 'pino';
import { createTurnErrorHandler } from '../../src/bot/adapter';
import { AdmissionsBot, type AdmissionsBotDeps } from '../../src/bot/admissions-bot';
import { createTranslator } from '../../src/bot/i18n';
import type { FeedbackRecord, HandoverRequest, QuestionRecord, RecordSinks, UnansweredRecord } from '../../src/bot/sinks';
import { createBotState } from '../../src/bot/state';
import { loadAnswerer, type KnowledgeAnswerer } from '../../src/core/knowledge/load-answerer';

const ROOT = path.resolve(__dirname, '../..');
export const t = createTranslator(path.join(ROOT, 'locales'));

let answererLoad: Promise<KnowledgeAnswerer> | undefined;
export function realAnswerer(): Promise<KnowledgeAnswerer> {
  answererLoad ??= loadAnswerer({ knowledgeDir: path.join(ROOT, 'knowledge') });
  return answererLoad;
}

export class RecordingSinks implements RecordSinks {
  feedbacks: FeedbackRecord[] = [];
  unansweredQuestions: UnansweredRecord[] = [];
  handovers: HandoverRequest[] = [];
  questions: QuestionRecord[] = [];
  async question(record: QuestionRecord) {
    this.questions.push(record);
  }
  async feedback(record: FeedbackRecord) {
    this.feedbacks.push(record);
  }
  async unanswered(record: UnansweredRecord) {
    this.unansweredQuestions.push(record);
  }
  async handover(request: HandoverRequest) {
    this.handovers.push(request);
  }
}

export interface BotUnderTest {
  adapter: TestAdapter;
  bot: AdmissionsBot;
  sinks: RecordingSinks;
  answerer: KnowledgeAnswerer;
}

export async function botUnderTest(
  overrides: Partial<AdmissionsBotDeps> = {},
  template: Partial<Activity> = {},
): Promise<BotUnderTest> {
  const answerer = await realAnswerer();
  const sinks = new RecordingSinks();
  const logger = pino({ level: 'silent' });
  const bot = new AdmissionsBot({
    answerer,
    listEntries: () => answerer.content.kb.entries,
    state: createBotState(new MemoryStorage()),
    t,
    logger,
    sinks,
    maxMessageLength: 2000,
    ...overrides,
  });
  const adapter = new TestAdapter((context: TurnContext) => bot.run(context), template);
  adapter.onTurnError = createTurnErrorHandler({ logger, t });
  return { adapter, bot, sinks, answerer };
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
