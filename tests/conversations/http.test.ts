/**
 * Every transcript through the real HTTP server (createApp, CloudAdapter, restify) with
 * deliveryMode "expectReplies": replies are read from channelData.says and the button
 * values, records from the data folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { conversation, saysOf, startTestServer, type TestServer } from '../integration/harness';
import { checkTurn, loadTranscripts, TEST_REFERENCE, type Transcript } from './transcript';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { newReference: () => TEST_REFERENCE });
});
afterAll(async () => {
  await server?.close(100);
});

function lineCounts(): Map<string, string[]> {
  const counts = new Map<string, string[]>();
  if (!existsSync(server.dataDir)) return counts;
  for (const name of readdirSync(server.dataDir).filter((n) => n.endsWith('.jsonl'))) {
    counts.set(name, readFileSync(path.join(server.dataDir, name), 'utf8').split('\n').filter(Boolean));
  }
  return counts;
}

function newRecords(before: Map<string, string[]>, after: Map<string, string[]>): Array<Record<string, unknown>> {
  const records: Array<Record<string, unknown>> = [];
  for (const [name, lines] of after) {
    const old = before.get(name) ?? [];
    if (lines.length > old.length) records.push(...lines.slice(old.length).map((line) => JSON.parse(line) as Record<string, unknown>));
  }
  return records;
}

function buttonValues(activity: Activity): unknown[] {
  const suggested = (activity.suggestedActions?.actions ?? []).map((action) => action.value);
  const fromCards = (activity.attachments ?? []).flatMap((a) => collectSubmit(a.content));
  return [...suggested, ...fromCards];
}

function collectSubmit(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.flatMap(collectSubmit);
  if (typeof node !== 'object' || node === null) return [];
  const el = node as Record<string, unknown>;
  return [...(el.type === 'Action.Submit' ? [el.data] : []), ...collectSubmit(el.body), ...collectSubmit(el.actions), ...collectSubmit(el.buttons)];
}

async function run(transcript: Transcript): Promise<void> {
  const chat = conversation({ locale: transcript.locale });
  for (const [index, turn] of transcript.turns.entries()) {
    const before = lineCounts();
    const { status, activities } = await server.post(turn.click ? chat.click(turn.click) : chat.message(turn.say ?? ''));
    expect(status).toBe(200);
    // The question log is written off the reply's path: wait for it before reading the files.
    await server.app.records.flush();
    // What the user reads is never empty.
    for (const activity of activities) expect((activity.text ?? '') + JSON.stringify(activity.attachments ?? '')).not.toBe('""');
    checkTurn(turn, index, {
      replies: activities.map(saysOf),
      buttons: activities.flatMap(buttonValues),
      records: newRecords(before, lineCounts()),
    });
  }
}

describe.each(loadTranscripts().map((t) => [`${t.file}: ${t.name}`, t] as const))('%s', (_name, transcript) => {
  it('goes as written, over HTTP', () => run(transcript));
});
