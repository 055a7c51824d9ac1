/**
 * "Delete my data" over HTTP, across conversations: a user with a form in progress in
 * one conversation and a lead stored from another asks, in a third, to delete their
 * data. After confirming, the records and the stored state of every conversation are gone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { conversationKey, userKey } from '../../src/core/engine';
import { conversation, saysOf, startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close(100);
});

const says = async (activity: Record<string, unknown>) => (await server.post(activity)).activities.flatMap(saysOf);

test('deletes the records and the state of all the user\'s conversations, after confirming', async () => {
  const userId = 'student-privacy';
  const withLead = conversation({ locale: 'en-US', userId });
  await says(withLead.click({ action: 'flow', flow: 'contact' }));
  for (const answer of ['Tran Thi Mai', 'mai@example.com', '1', '2']) await says(withLead.message(answer));
  expect(await says(withLead.message('yes'))).toContain('outcome:contact.saved');

  const inForm = conversation({ locale: 'en-US', userId });
  await says(inForm.click({ action: 'flow', flow: 'pn-eligibility' }));
  const who = { channelId: 'webchat', conversationId: inForm.id, userId };
  expect((await server.app.store.store.read([conversationKey(who)])).size).toBe(1);

  const third = conversation({ locale: 'en-US', userId });
  expect(await says(third.message('delete my data'))).toEqual(['key:privacy.confirm']);
  expect(readFileSync(path.join(server.dataDir, 'leads.jsonl'), 'utf8')).not.toBe('');
  expect(await says(third.click({ action: 'deleteData', confirm: true }))).toEqual(['key:privacy.deleted']);

  expect(readFileSync(path.join(server.dataDir, 'leads.jsonl'), 'utf8')).toBe('');
  const keys = [withLead, inForm, third].map((c) => conversationKey({ ...who, conversationId: c.id }));
  expect((await server.app.store.store.read([...keys, userKey(who)])).size).toBe(0);
  // The form in the other conversation is gone too: an answer to it is just a message now.
  expect(await says(inForm.message('Already graduated'))).not.toContain('prompt:pn-eligibility.age');
});
