/**
 * Staff are told of a hand-over through STAFF_WEBHOOK_URL (a Teams incoming-webhook
 * style URL), here a local stand-in server: an Adaptive Card with the reference and the
 * student's recent questions. A webhook that fails loses nothing: the record is on disk
 * and the student still gets the confirmation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startWebhookStandIn, type WebhookStandIn } from '../helpers/webhook-standin';
import { conversation, saysOf, startTestServer } from './harness';

let webhook: WebhookStandIn;
let posts: unknown[];

beforeAll(async () => {
  webhook = await startWebhookStandIn();
  posts = webhook.posts;
});
afterAll(() => webhook.close());

async function handOver(webhookStatus: number) {
  webhook.status = webhookStatus;
  posts.length = 0;
  const server = await startTestServer({ STAFF_WEBHOOK_URL: webhook.url });
  try {
    const chat = conversation({ locale: 'en-US' });
    await server.post(chat.message('How much does the Azure exam cost?'));
    await server.post(chat.message('talk to a person'));
    await server.post(chat.message('mai@example.com'));
    const done = await server.post(chat.message('yes'));
    const handoffs = readFileSync(path.join(server.dataDir, 'handoffs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    return { says: done.activities.flatMap(saysOf), handoffs };
  } finally {
    await server.close(100);
  }
}

test('a hand-over posts a card with the reference and the recent questions', async () => {
  const { says, handoffs } = await handOver(200);
  expect(says).toContain('outcome:handoff.recorded');
  expect(handoffs).toHaveLength(1);
  const card = JSON.stringify(posts);
  expect(posts).toHaveLength(1);
  expect(card).toContain('application/vnd.microsoft.card.adaptive');
  expect(card).toContain(String(handoffs[0]?.reference));
  expect(card).toContain('How much does the Azure exam cost?');
});

test('a failing webhook still stores the request and confirms it', async () => {
  const { says, handoffs } = await handOver(500);
  expect(posts).toHaveLength(1);
  expect(says).toContain('outcome:handoff.recorded');
  expect(handoffs).toEqual([expect.objectContaining({ kind: 'handoff', answers: expect.objectContaining({ contact: 'mai@example.com' }) })]);
});
