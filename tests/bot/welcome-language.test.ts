/**
 * The welcome and the reply language, on botbuilder's TestAdapter: what a user
 * sees when they join, switch language, or write in one language or the other.
 */
import { botUnderTest, click, join, t, titles, values } from './bot-harness';

describe('welcome', () => {
  it('introduces the bot in Vietnamese only, with the areas and a switch to English', async () => {
    const { adapter } = await botUnderTest();
    await adapter.send(join(adapter)).assertReply((reply) => {
      const text = reply.text ?? '';
      expect(text).toContain(t('vi', 'welcome.intro'));
      expect(text).not.toContain(t('en', 'welcome.intro'));
      expect(values(reply)).toEqual([
        { action: 'menu', area: 'pn' },
        { action: 'menu', area: 'ms' },
        { action: 'menu', area: 'jp' },
        { action: 'lang', lang: 'en' },
      ]);
    });
  });

  it('welcomes in English only, and offers Vietnamese, when the channel locale is English', async () => {
    const { adapter } = await botUnderTest();
    await adapter.send(join(adapter, { locale: 'en-US' })).assertReply((reply) => {
      const text = reply.text ?? '';
      expect(text).toContain(t('en', 'welcome.intro'));
      expect(text).not.toContain(t('vi', 'welcome.intro'));
      expect(titles(reply)).toEqual([t('en', 'areas.pn'), t('en', 'areas.ms'), t('en', 'areas.jp'), 'Tiếng Việt']);
    });
  });

  it('says nothing when only the bot joins a group conversation', async () => {
    const { adapter } = await botUnderTest();
    await adapter.send({ type: 'conversationUpdate', membersAdded: [adapter.conversation.bot] }).assertNoReply(undefined, 100);
  });

  it('welcomes a Teams personal chat when the bot is installed', async () => {
    const { adapter } = await botUnderTest({}, { channelId: 'msteams' });
    const installed = {
      type: 'conversationUpdate',
      channelId: 'msteams',
      conversation: { id: 'teams-personal', conversationType: 'personal', isGroup: false, name: '' },
      membersAdded: [adapter.conversation.bot],
    };
    await adapter.send(installed).assertReply((reply) => {
      expect(reply.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(reply.attachments?.[0].content)).toContain(t('vi', 'welcome.title').slice(0, 10));
    });
  });
});

describe('language', () => {
  it('switches to English on "English" and keeps English for buttons afterwards', async () => {
    const { adapter } = await botUnderTest();
    await adapter
      .send('English')
      .assertReply((reply) => {
        expect(reply.text).toBe(t('en', 'language.switched'));
        expect(titles(reply)).toContain(t('en', 'areas.pn'));
      })
      .send(click({ action: 'menu' }))
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'help.text')))
      .send('tiếng Việt')
      .assertReply((reply) => expect(reply.text).toBe(t('vi', 'language.switched')))
      .send('tieng viet')
      .assertReply((reply) => expect(reply.text).toBe(t('vi', 'language.switched')))
      .send('Vietnamese')
      .assertReply((reply) => expect(reply.text).toBe(t('vi', 'language.switched')));
  });

  it('switches language from the welcome button', async () => {
    const { adapter } = await botUnderTest();
    await adapter
      .send(click({ action: 'lang', lang: 'en' }))
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'language.switched')))
      .send(click({ action: 'menu', area: 'pn' }))
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'menu.areaIntro', { area: t('en', 'areas.pn') })));
  });

  it('answers in the message’s language when detection is sure, whatever was chosen before', async () => {
    const { adapter, content } = await botUnderTest();
    const { answerer } = content;
    const scholarship = answerer.entry('pn.scholarship')!;
    await adapter
      .send('English')
      .assertReply(() => undefined)
      .send('Học bổng PN gồm những gì, em có phải trả tiền không?')
      .assertReply((reply) => {
        expect(reply.channelData).toMatchObject({ entryId: 'pn.scholarship', decision: 'answer' });
        expect(reply.text?.startsWith(scholarship.answer.vi)).toBe(true);
      });
  });

  it('uses the stored preference when a message does not tell its language', async () => {
    const { adapter, content } = await botUnderTest({}, { locale: 'vi-VN' });
    const { answerer } = content;
    await adapter
      .send('English')
      .assertReply(() => undefined)
      .send('PN')
      .assertReply((reply) => {
        // Which entry "PN" alone gets is the matcher's business; the language is this test's.
        const data = reply.channelData as { entryId: string; decision: string };
        expect(data.decision).toBe('answer');
        expect(reply.text?.startsWith(answerer.entry(data.entryId)!.answer.en)).toBe(true);
      });
  });

  it('falls back to the channel locale, then Vietnamese', async () => {
    const english = await botUnderTest({}, { locale: 'en-GB' });
    await english.adapter
      .send(click({ action: 'menu' }))
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'help.text')));
    const unknown = await botUnderTest({}, { locale: 'fr-FR' });
    await unknown.adapter
      .send(click({ action: 'menu' }))
      .assertReply((reply) => expect(reply.text).toBe(t('vi', 'help.text')));
  });

  it('shows help and the areas for "menu", "help", "giúp" and "trợ giúp"', async () => {
    const { adapter } = await botUnderTest({}, { locale: 'vi-VN' });
    for (const command of ['menu', 'giúp', 'trợ giúp']) {
      await adapter.send(command).assertReply((reply) => {
        expect(reply.text).toBe(t('vi', 'help.text'));
        expect(values(reply)).toContainEqual({ action: 'menu', area: 'jp' });
      });
    }
    await adapter.send('help').assertReply((reply) => expect(reply.text).toBe(t('en', 'help.text')));
  });
});
