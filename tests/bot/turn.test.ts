/**
 * The turn's hooks on botbuilder's TestAdapter: guided flows get the turn before
 * the knowledge base, records reach their sinks, and a failing turn apologises
 * in the user's language instead of going silent.
 */
import type { TurnContext } from 'botbuilder';
import type { FlowRunner } from '../../src/bot/flow-runner';
import { botUnderTest, click, t, values } from './bot-harness';

class FakeFlowRunner implements FlowRunner {
  active = false;
  started: string[] = [];
  continued: string[] = [];
  cancelled = 0;
  async continueIfActive(context: TurnContext) {
    if (!this.active) return false;
    this.continued.push(context.activity.text ?? '');
    await context.sendActivity('flow step');
    return true;
  }
  async start(context: TurnContext, flowId: string) {
    this.active = true;
    this.started.push(flowId);
    await context.sendActivity(`flow ${flowId} started`);
  }
  async activeFlow() {
    return this.active ? 'eligibility-check' : undefined;
  }
  async cancel() {
    const wasActive = this.active;
    this.active = false;
    this.cancelled += 1;
    return wasActive;
  }
}

describe('guided flows', () => {
  it('starts a flow from its button and lets the flow handle the next messages', async () => {
    const flowRunner = new FakeFlowRunner();
    const { adapter } = await botUnderTest({ flowRunner });
    await adapter
      .send(click({ action: 'flow', flow: 'eligibility-check' }))
      .assertReply('flow eligibility-check started')
      .send('Quảng Nam')
      .assertReply('flow step');
    expect(flowRunner.started).toEqual(['eligibility-check']);
    expect(flowRunner.continued).toEqual(['Quảng Nam']);
  });

  it('lets commands through before the flow: cancel ends it and shows the areas', async () => {
    const flowRunner = new FakeFlowRunner();
    flowRunner.active = true;
    const { adapter } = await botUnderTest({ flowRunner }, { locale: 'vi-VN' });
    await adapter.send('hủy').assertReply((reply) => {
      expect(reply.text).toBe(t('vi', 'cancel.done'));
      expect(values(reply)).toContainEqual({ action: 'menu', area: 'pn' });
    });
    expect(flowRunner.cancelled).toBe(1);
    expect(flowRunner.active).toBe(false);
  });

  it('inside a flow, "help" and a language switch go to the flow (a choice labelled "English" stays a choice)', async () => {
    const flowRunner = new FakeFlowRunner();
    flowRunner.active = true;
    const { adapter } = await botUnderTest({ flowRunner }, { locale: 'vi-VN' });
    await adapter.send('help').assertReply('flow step').send('English').assertReply('flow step');
    expect(flowRunner.continued).toEqual(['help', 'English']);
    expect(flowRunner.active).toBe(true);
  });

  it('inside a flow, a typed answer does not change the stored language', async () => {
    const flowRunner = new FakeFlowRunner();
    const { adapter } = await botUnderTest({ flowRunner }, { locale: 'en-US' });
    await adapter
      .send('Who can apply to PN?')
      .assertReply((reply) => expect(reply.channelData).toMatchObject({ entryId: 'pn.eligibility' }))
      .send(click({ action: 'flow', flow: 'contact' }))
      .assertReply('flow contact started')
      .send('Trần Thị Mai')
      .assertReply('flow step');
    flowRunner.active = false;
    // Unsure text after the flow: the reply language is still the stored English.
    await adapter.send('👍').assertReply((reply) => expect(reply.text).toBe(t('en', 'input.noWords')));
  });

  it('goes to the knowledge base when no flow is active', async () => {
    const flowRunner = new FakeFlowRunner();
    const { adapter } = await botUnderTest({ flowRunner });
    await adapter
      .send('Who can apply to PN?')
      .assertReply((reply) => expect(reply.channelData).toMatchObject({ entryId: 'pn.eligibility' }));
  });
});

describe('records', () => {
  it('hands feedback to the feedback sink with the entry and the vote', async () => {
    const { adapter, sinks } = await botUnderTest({}, { locale: 'en-US' });
    await adapter
      .send(click({ action: 'feedback', id: 'pn.about', vote: 'down' }))
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'feedback.thanksDown')));
    expect(sinks.feedbacks).toEqual([expect.objectContaining({ entryId: 'pn.about', vote: 'down', lang: 'en' })]);
  });

  it('records a question it could not answer', async () => {
    const { adapter, sinks } = await botUnderTest();
    await adapter
      .send('What is the weather like in Paris tomorrow?')
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'fallback.text')));
    expect(sinks.unansweredQuestions).toEqual([
      expect.objectContaining({ text: 'What is the weather like in Paris tomorrow?', lang: 'en' }),
    ]);
  });

  it('records a request for a person, with the questions asked before it', async () => {
    const { adapter, sinks } = await botUnderTest({}, { locale: 'vi-VN' });
    await adapter
      .send('học bổng PN gồm những gì')
      .assertReply((reply) => expect(reply.channelData).toMatchObject({ entryId: 'pn.scholarship' }))
      .send(click({ action: 'handoff' }))
      .assertReply(t('vi', 'handoff.started'));
    expect(sinks.handovers).toEqual([expect.objectContaining({ lang: 'vi', reason: 'button', recentQuestions: ['học bổng PN gồm những gì'] })]);
  });

  it('logs every question it decides on, with the decision, for the staff report', async () => {
    const { adapter, sinks } = await botUnderTest();
    await adapter
      .send('Who can apply to PN?')
      .assertReply((reply) => expect(reply.channelData).toMatchObject({ entryId: 'pn.eligibility' }))
      .send('What is the weather like in Paris tomorrow?')
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'fallback.text')));
    expect(sinks.questions).toEqual([
      expect.objectContaining({ text: 'Who can apply to PN?', decision: 'answer', entryId: 'pn.eligibility', lang: 'en' }),
      expect.objectContaining({ text: 'What is the weather like in Paris tomorrow?', decision: 'fallback', entryId: null, lang: 'en' }),
    ]);
  });
});

describe('a failing turn', () => {
  it('tells the user in their language that something went wrong, and the next turn works', async () => {
    const { adapter, answerer } = await botUnderTest();
    const decide = jest.spyOn(answerer, 'decide').mockImplementationOnce(() => {
      throw new Error('index exploded');
    });
    try {
      await adapter
        .send('Who can apply to PN?')
        .assertReply(t('en', 'error.generic'))
        .send('Who can apply to PN?')
        .assertReply((reply) => expect(reply.channelData).toMatchObject({ entryId: 'pn.eligibility' }));
    } finally {
      decide.mockRestore();
    }
  });
});

describe('deleting my data', () => {
  it('"xóa dữ liệu" removes the stored records of this user, forgets the language, and says how many went', async () => {
    const deleted: unknown[] = [];
    const { adapter } = await botUnderTest({ deleteUserData: async (user) => (deleted.push(user), 3) }, { locale: 'vi-VN' });
    await adapter
      .send('English')
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'language.switched')))
      .send('Xóa dữ liệu!')
      .assertReply(t('vi', 'privacy.deleted', { count: 3 }))
      // The stored English preference is gone: an unsure message falls back to the locale again.
      .send('👍')
      .assertReply((reply) => expect(reply.text).toBe(t('vi', 'input.noWords')));
    expect(deleted).toEqual([expect.objectContaining({ userId: expect.any(String), channelId: 'test' })]);
  });

  it('says so, in the user\'s language, when the deletion fails', async () => {
    const { adapter } = await botUnderTest({ deleteUserData: async () => Promise.reject(new Error('disk')) }, { locale: 'en-US' });
    await adapter.send('delete my data').assertReply((reply) => {
      expect(reply.text).toBe(t('en', 'privacy.deleteFailed'));
      expect(values(reply)).toContainEqual({ action: 'handoff' });
    });
  });
});

describe('feedback that cannot be stored', () => {
  it('is not thanked for: the user is told it was not saved', async () => {
    const { adapter, sinks } = await botUnderTest({}, { locale: 'en-US' });
    jest.spyOn(sinks, 'feedback').mockRejectedValueOnce(new Error('disk full'));
    await adapter
      .send(click({ action: 'feedback', id: 'pn.about', vote: 'up' }))
      .assertReply((reply) => expect(reply.text).toBe(t('en', 'feedback.saveFailed')));
  });
});
