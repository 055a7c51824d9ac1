/** The bot's records reach the JSONL store, with personal data in free text masked. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
    const errors: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(JSON.parse(line) as Record<string, unknown>) });
    // A folder that cannot exist: its parent is a file.
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'x');
    const failing = new JsonlRecordStore(path.join(blocker, 'data'));
    const sinks = storeSinks(failing, logger);
    await expect(sinks.question({ text: 'sdt 0912345678', lang: 'vi', decision: 'answer', entryId: 'pn.about', confidence: 1 })).resolves.toBeUndefined();
    await expect(sinks.handover({ channelId: 'webchat', conversationId: 'c', userId: 'u', lang: 'vi', reason: 'command', recentQuestions: ['sdt 0912345678'] })).resolves.toBeUndefined();
    await failing.flush();
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'could not store a record', kind: 'handoff' }),
        expect.objectContaining({ msg: 'could not store a record', kind: 'question' }),
      ]),
    );
    // The log line never carries the record (personal data).
    expect(JSON.stringify(errors)).not.toContain('0912345678');
  });

  it('does not make the reply wait for the question log: the sink returns before the line is on disk', async () => {
    const store = new JsonlRecordStore(dir);
    await storeSinks(store, pino({ level: 'silent' })).question({ text: 'hello', lang: 'en', decision: 'answer', entryId: 'pn.about', confidence: 1 });
    // Nothing has been written yet: the write happens in a later batch.
    expect(store.commitStats('question')).toEqual({ batches: 0, lines: 0 });
    await store.flush();
    expect(store.commitStats('question')).toEqual({ batches: 1, lines: 1 });
    expect(await lines('questions.jsonl')).toEqual([expect.objectContaining({ text: 'hello' })]);
  });
});
