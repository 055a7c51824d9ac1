/** The bot's records reach the JSONL store, with personal data in free text masked. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { storeSinks } from '../../src/bot/record-sinks';
import { JsonlRecordStore } from '../../src/core/records';

describe('storeSinks', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sinks-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const lines = async (file: string) => (await readFile(path.join(dir, file), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes questions and unanswered questions with phone numbers and emails masked', async () => {
    const store = new JsonlRecordStore(dir);
    const sinks = storeSinks(store, pino({ level: 'silent' }));
    const text = 'em sdt 0912 345 678, mail em@gmail.com, hoc bong PN?';
    await sinks.question({ text, lang: 'vi', decision: 'fallback', entryId: null, confidence: 0.2 });
    await sinks.unanswered({ text, lang: 'vi', confidence: 0.2, candidates: ['pn.scholarship'], channelId: 'webchat', conversationId: 'c', userId: 'u' });
    await sinks.feedback({ entryId: 'pn.about', vote: 'up', lang: 'en', channelId: 'webchat', conversationId: 'c', userId: 'u' });
    await store.close();

    const [question] = await lines('questions.jsonl');
    expect(question).toMatchObject({ kind: 'question', lang: 'vi', decision: 'fallback', entryId: null });
    expect(question.text).not.toMatch(/0912|gmail/);
    expect(question).not.toHaveProperty('userId');
    const [unanswered] = await lines('unanswered.jsonl');
    expect(unanswered).toMatchObject({ kind: 'unanswered', decision: 'fallback', candidates: ['pn.scholarship'], userId: 'u' });
    expect(unanswered.text).toContain('hoc bong PN?');
    expect(unanswered.text).not.toMatch(/0912|gmail/);
    expect(await lines('feedback.jsonl')).toEqual([expect.objectContaining({ kind: 'feedback', entryId: 'pn.about', vote: 'up' })]);
  });

  it('logs and carries on when the store fails, so the student still gets an answer', async () => {
    const errors: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(JSON.parse(line)) });
    const failing = { append: async () => Promise.reject(new Error('disk full')), read: () => (async function* () {})(), close: async () => undefined };
    await expect(storeSinks(failing, logger).question({ text: 'x', lang: 'vi', decision: 'answer', entryId: 'pn.about', confidence: 1 })).resolves.toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ msg: 'could not store a record', kind: 'question' })]);
  });
});
