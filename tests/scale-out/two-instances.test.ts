/**
 * Issue 10: two real bot processes sharing one Azurite (state and records in Blob),
 * the way App Service scales out. Turns of one conversation alternate or race between
 * the instances; nothing is lost and nothing is stored twice.
 */
import type { ChildProcess } from 'node:child_process';
import { BlobRecordStore, type StoredRecord } from '../../src/core/records';
import { conversationKey, userKey, type ConversationState } from '../../src/core/engine';
import { BlobStateStore } from '../../src/core/state';
import { containerClient } from '../../src/core/storage/blob-container';
import { eventually, runBot, tempDir, type RunningBot } from '../faults/bot-process';
import { connectionString, freePort, startAzurite } from '../integration/azurite';
import { conversation, saysOf } from '../integration/harness';
import { startWebhookStandIn, type WebhookStandIn } from '../helpers/webhook-standin';

jest.setTimeout(120_000);

let azurite: ChildProcess;
let blob: string;
let instances: RunningBot[];
let records: BlobRecordStore;
let state: BlobStateStore;
/** The staff webhook the instances notify (a local stand-in for Teams/Slack). */
let webhook: WebhookStandIn;

beforeAll(async () => {
  webhook = await startWebhookStandIn();
  const port = await freePort();
  azurite = await startAzurite(port);
  blob = connectionString(port);
  const env = async (name: string) => ({
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: blob,
    BLOB_CONTAINER: 'state-two',
    RECORDS_CONTAINER: 'records-two',
    // Each instance has its own disk: nothing may depend on it.
    DATA_DIR: await tempDir(`pn-${name}-`),
    // The races below send 50 turns at once to one conversation.
    RATE_LIMIT_CONVERSATION_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_MINUTE: '0',
    STAFF_WEBHOOK_URL: webhook.url,
  });
  instances = await Promise.all([runBot(await env('a')), runBot(await env('b'))]);
  records = new BlobRecordStore(containerClient({ connectionString: blob }, 'records-two'));
  state = new BlobStateStore(containerClient({ connectionString: blob }, 'state-two'));
});

afterAll(async () => {
  await Promise.all((instances ?? []).map((bot) => bot.stop()));
  azurite?.kill();
  await webhook?.close();
});

const says = async (bot: RunningBot, activity: Record<string, unknown>) => (await bot.say(activity)).activities.flatMap(saysOf);
const instance = (turn: number) => instances[turn % 2];

async function recordsOf(kind: 'lead' | 'feedback', conversationId: string): Promise<StoredRecord[]> {
  const found: StoredRecord[] = [];
  for await (const record of records.read(kind)) if (record.conversationId === conversationId) found.push(record);
  return found;
}

async function conversationState(chat: ReturnType<typeof conversation>): Promise<ConversationState | undefined> {
  const key = conversationKey({ channelId: 'webchat', conversationId: chat.id, userId: '' });
  return ((await state.read([key])).get(key)?.value as { conversation: ConversationState } | undefined)?.conversation;
}

/** The contact form up to its consent question, each turn on the other instance. */
async function toConsent(chat: ReturnType<typeof conversation>): Promise<void> {
  await says(instance(0), chat.click({ action: 'flow', flow: 'contact' }));
  const answers = ['Tran Thi Mai', 'mai@example.com', '1', '2'];
  for (const [index, answer] of answers.entries()) await says(instance(index + 1), chat.message(answer));
}

test('a contact form alternating between the instances finishes once, and its lead is in Blob storage', async () => {
  const chat = conversation({ locale: 'en-US' });
  await toConsent(chat);
  expect(await says(instance(5), chat.message('yes'))).toContain('outcome:contact.saved');
  const leads = await recordsOf('lead', chat.id);
  expect(leads).toHaveLength(1);
  expect(leads[0]).toMatchObject({ flow: 'contact', outcome: 'saved', answers: expect.objectContaining({ contact: 'mai@example.com' }) });
});

test('50 concurrent confirmations on both instances make one lead, and every confirmation shows its reference', async () => {
  const chat = conversation({ locale: 'en-US' });
  await toConsent(chat);
  const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => instance(i).say(chat.message('yes'))));
  const leads = await recordsOf('lead', chat.id);
  expect(leads).toHaveLength(1);
  const confirmed = replies.filter((reply) => reply.activities.flatMap(saysOf).includes('outcome:contact.saved'));
  expect(confirmed.length).toBeGreaterThanOrEqual(1);
  for (const reply of confirmed) expect(reply.activities.map((a) => a.text ?? '').join('\n')).toContain(String(leads[0].reference));
  // No turn failed: every one got a reply.
  expect(replies.every((reply) => reply.status === 200 && reply.activities.length > 0)).toBe(true);
});

test('50 concurrent "Yes" to a hand-over on both instances store one request, and staff are told once', async () => {
  const chat = conversation({ locale: 'en-US' });
  await says(instance(0), chat.message('talk to a person'));
  await says(instance(1), chat.message('an.nguyen@example.com'));
  const before = webhook.posts.length;
  await Promise.all(Array.from({ length: 50 }, (_, i) => instance(i).say(chat.message('Yes'))));
  const requests: StoredRecord[] = [];
  for await (const record of records.read('handoff')) if (record.conversationId === chat.id) requests.push(record);
  expect(requests).toHaveLength(1);
  // Notices are sent after the reply: give the instances a moment to send them.
  await eventually(async () => webhook.posts.length - before, (count) => count >= 1, 'the staff notice');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(webhook.posts.length - before).toBe(1);
  expect(JSON.stringify(webhook.posts[webhook.posts.length - 1])).toContain(String(requests[0].reference));
});

test('50 concurrent feedback votes in one conversation, on both instances, make 50 records', async () => {
  const chat = conversation({ locale: 'en-US' });
  const replies = await Promise.all(
    Array.from({ length: 50 }, (_, i) => instance(i).say(chat.click({ action: 'feedback', id: 'pn.about', vote: i % 3 === 0 ? 'down' : 'up' }))),
  );
  expect(replies.flatMap((reply) => reply.activities.flatMap(saysOf)).filter((label) => label.startsWith('key:feedback.thanks'))).toHaveLength(50);
  const votes = await recordsOf('feedback', chat.id);
  expect(votes).toHaveLength(50);
  expect(votes.filter((vote) => vote.vote === 'down')).toHaveLength(17);
});

test('five questions sent at once to one conversation on both instances all end up in its state', async () => {
  const chat = conversation({ locale: 'en-US' });
  const questions = ['Who can apply to PN?', 'How much does the PN training cost?', 'What is AZ-900?', 'Do I need Japanese to work in Japan?', 'Where is PN in Vietnam?'];
  await Promise.all(questions.map((question, i) => instance(i).say(chat.message(question))));
  const saved = await conversationState(chat);
  expect(saved?.turn).toBe(5);
  expect([...(saved?.recentQuestions ?? [])].sort()).toEqual([...questions].sort());
});

test('"delete my data" on one instance removes the user\'s records and the state of all their conversations from Blob storage', async () => {
  const userId = 'student-two-instances';
  const withLead = conversation({ locale: 'en-US', userId });
  await toConsent(withLead);
  expect(await says(instance(1), withLead.message('yes'))).toContain('outcome:contact.saved');
  const inForm = conversation({ locale: 'en-US', userId });
  await says(instance(0), inForm.click({ action: 'flow', flow: 'pn-eligibility' }));
  const other = conversation({ locale: 'en-US' });
  await says(instance(1), other.click({ action: 'feedback', id: 'pn.about', vote: 'up' }));

  const third = conversation({ locale: 'en-US', userId });
  expect(await says(instance(0), third.message('delete my data'))).toEqual(['key:privacy.confirm']);
  expect(await says(instance(1), third.click({ action: 'deleteData', confirm: true }))).toEqual(['key:privacy.deleted']);

  expect(await recordsOf('lead', withLead.id)).toHaveLength(0);
  const keys = [withLead, inForm, third].map((chat) => conversationKey({ channelId: 'webchat', conversationId: chat.id, userId }));
  expect((await state.read([...keys, userKey({ channelId: 'webchat', conversationId: third.id, userId })])).size).toBe(0);
  // Someone else's record stays.
  expect(await recordsOf('feedback', other.id)).toHaveLength(1);
  // The form in the other conversation is gone: an answer to it is just a message now.
  expect(await says(instance(0), inForm.message('Already graduated'))).not.toContain('prompt:pn-eligibility.age');
});
