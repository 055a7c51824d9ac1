/**
 * The Bot Framework side of a turn on TestAdapter: the Teams @mention is not part of
 * what the user said, a failing turn apologises in the user's language (and the next
 * turn works), and every reply says what it says by ids (channelData.says).
 */
import type { Activity } from 'botbuilder';
import { botUnderTest, t } from './bot-harness';

const says = (reply: Partial<Activity>) => (reply.channelData as { says?: string[] } | undefined)?.says ?? [];

it('in a Teams channel the @mention of the bot is not part of the answer', async () => {
  const { adapter } = await botUnderTest({}, { channelId: 'msteams', locale: 'vi-VN' });
  const mention = { type: 'mention', mentioned: { id: 'bot', name: 'Bot' }, text: '<at>Bot</at>' };
  await adapter
    .send({ type: 'message', value: { action: 'flow', flow: 'contact' } })
    .assertReply((reply) => expect(says(reply)).toEqual(['intro:contact']))
    .assertReply((reply) => expect(says(reply)).toEqual(['prompt:contact.name']))
    .send({ type: 'message', text: '<at>Bot</at> Lê Văn Tám', recipient: { id: 'bot', name: 'Bot' }, entities: [mention] })
    .assertReply((reply) => expect(says(reply)).toEqual(['prompt:contact.contact']));
});

it('a failing turn tells the user in their language that something went wrong, and the next turn works', async () => {
  const { adapter, content } = await botUnderTest({}, { locale: 'vi-VN' });
  const decide = jest.spyOn(content.answerer, 'decide').mockImplementationOnce(() => {
    throw new Error('index exploded');
  });
  try {
    await adapter
      .send('Who can apply to PN?')
      .assertReply(t('en', 'error.generic'))
      .send('Who can apply to PN?')
      .assertReply((reply) => expect(reply.channelData).toMatchObject({ entryId: 'pn.eligibility', says: ['entry:pn.eligibility'] }));
  } finally {
    decide.mockRestore();
  }
});

it('a form question asks for input; its choices are buttons carrying the step and choice ids', async () => {
  const { adapter } = await botUnderTest({}, { locale: 'en-US' });
  await adapter
    .send({ type: 'message', value: { action: 'flow', flow: 'pn-eligibility' } })
    .assertReply(() => undefined)
    .assertReply((reply) => {
      expect(reply.inputHint).toBe('expectingInput');
      expect(reply.suggestedActions?.actions.map((action) => action.value)).toContainEqual({ action: 'answer', step: 'school', value: 'graduated' });
    });
});
