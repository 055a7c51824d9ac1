/** FlowRunner as the bot uses it: continueIfActive, start, cancel, buttons, Teams rendering. */
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, UserState, type Activity, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Lang } from '../../src/core/flows';
import { JsonlRecordStore } from '../../src/core/records';
import { FlowRunner } from '../../src/bot/dialogs';
import { offeredValues, shippedFlows, tempDir, visible } from './helpers';

interface Harness {
  adapter: TestAdapter;
  runner: FlowRunner;
  /** Sends a message (or an activity) and returns what the user sees of each reply. */
  send(activity: string | Partial<Activity>): Promise<string[]>;
  replies: Partial<Activity>[];
  warnings: object[];
}

/** A bot turn like src/bot's: the flow first, then an echo standing in for the knowledge base. */
async function harness(channelId = 'test'): Promise<Harness> {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const langProp = userState.createProperty<Lang>('lang');
  const warnings: object[] = [];
  const runner = new FlowRunner({
    flows: await shippedFlows(),
    dialogState: conversationState.createProperty<DialogState>('DialogState'),
    userLang: async (ctx) => (await langProp.get(ctx, 'vi')) ?? 'vi',
    setUserLang: (ctx, lang) => langProp.set(ctx, lang),
    records: new JsonlRecordStore(await tempDir('runner-')),
    logger: { warn: (o) => warnings.push(o), error: (o) => warnings.push(o) },
  });
  const adapter = new TestAdapter(async (ctx: TurnContext) => {
    const text = ctx.activity.text ?? '';
    // Like the bot: its own commands first, then the flow, then everything else.
    if (text === 'stop everything') await ctx.sendActivity(`cancelled: ${await runner.cancel(ctx)}`);
    else if (text === 'which flow?') await ctx.sendActivity(`active: ${(await runner.activeFlow(ctx)) ?? 'none'}`);
    else if (text === 'ask again') await ctx.sendActivity(`reprompted: ${await runner.reprompt(ctx)}`);
    else if (!(await runner.continueIfActive(ctx))) {
      const start = /^start (\S+)$/.exec(text);
      const button = ctx.activity.value as { action?: string; flow?: string } | undefined;
      if (start) await runner.start(ctx, start[1] as string);
      else if (button?.action === 'flow' && button.flow) await runner.start(ctx, button.flow);
      else await ctx.sendActivity(`bot: ${text || JSON.stringify(ctx.activity.value)}`);
    }
    await conversationState.saveChanges(ctx);
    await userState.saveChanges(ctx);
  }, { channelId });
  const replies: Partial<Activity>[] = [];
  return {
    adapter,
    runner,
    replies,
    warnings,
    async send(activity) {
      await adapter.receiveActivity(typeof activity === 'string' ? { type: ActivityTypes.Message, text: activity } : { type: ActivityTypes.Message, ...activity });
      const turn = adapter.activityBuffer.splice(0);
      replies.push(...turn);
      return turn.map(visible);
    },
  };
}

test('without a flow in progress the turn is not consumed', async () => {
  const h = await harness();
  expect(await h.send('hello')).toEqual(['bot: hello']);
});

test('start asks the first step; continueIfActive takes the next turns until the outcome', async () => {
  const h = await harness();
  const first = await h.send('start pn-eligibility');
  expect(first[1]).toContain('Bạn đã tốt nghiệp THPT');
  expect(await h.send('Đã tốt nghiệp')).toEqual(['Bạn bao nhiêu tuổi?']);
  await h.send('19');
  await h.send('Không thể chi trả');
  await h.send('Miền Trung');
  expect((await h.send('Có'))[0]).toContain('**Có khả năng bạn phù hợp.**');
  // The flow is over: the next message goes to the rest of the bot.
  expect(await h.send('cảm ơn')).toEqual(['bot: cảm ơn']);
});

test('a button click the bot routes (activity.value with an action) is not taken by the flow', async () => {
  const h = await harness();
  await h.send('start pn-eligibility');
  expect(await h.send({ text: '', value: { action: 'entry', id: 'pn.scholarship' } })).toEqual(['bot: {"action":"entry","id":"pn.scholarship"}']);
  // The flow is still waiting for its answer.
  expect(await h.send('which flow?')).toEqual(['active: pn-eligibility']);
  expect(await h.send('Đã tốt nghiệp')).toEqual(['Bạn bao nhiêu tuổi?']);
});

test('cancel ends the flow in progress and says whether there was one', async () => {
  const h = await harness();
  expect(await h.send('stop everything')).toEqual(['cancelled: false']);
  await h.send('start contact');
  await h.send('Nguyễn Văn An');
  expect(await h.send('stop everything')).toEqual(['cancelled: true']);
  expect(await h.send('which flow?')).toEqual(['active: none']);
  expect(await h.send('0912345678')).toEqual(['bot: 0912345678']);
});

test('reprompt asks the current step again, in the language of the moment', async () => {
  const h = await harness();
  expect(await h.send('ask again')).toEqual(['reprompted: false']);
  await h.send('start contact');
  await h.send('Nguyễn Văn An');
  expect(await h.send('ask again')).toEqual(['Số điện thoại di động hoặc email để cán bộ liên hệ với bạn?', 'reprompted: true']);
});

test('starting a flow replaces the one in progress; an unknown flow gets a polite reply', async () => {
  const h = await harness();
  await h.send('start pn-eligibility');
  // A flow button click is routed by the bot (continueIfActive leaves it), which starts the new flow.
  expect(await h.send({ text: '', value: { action: 'flow', flow: 'contact' } })).toEqual([expect.stringContaining('PN Việt Nam liên hệ'), 'Bạn tên là gì?']);
  expect(await h.send('which flow?')).toEqual(['active: contact']);
  const h2 = await harness();
  expect(await h2.send('start no-such-flow')).toEqual(['Xin lỗi, phần hướng dẫn này hiện chưa dùng được. Bạn có thể hỏi mình trực tiếp.']);
  expect(h2.warnings).toEqual([{ flowId: 'no-such-flow' }]);
});

test('the in-flow cancel command ends it; afterwards the bot gets the turns again', async () => {
  const h = await harness();
  await h.send('start japan-readiness');
  expect(await h.send('hủy')).toEqual(['Được rồi, mình đã dừng. Không có thông tin nào trong phần này được lưu. Bạn cứ hỏi mình điều khác nhé.']);
  expect(await h.send('hello')).toEqual(['bot: hello']);
});

test('the language switch inside a flow is stored in user state and the step is re-asked in English', async () => {
  const h = await harness();
  await h.send('start japan-readiness');
  expect(await h.send('English')).toEqual([
    "OK, let's continue in English.",
    'Where are you in your studies?\n[High-school student]\n[University student]\n[University degree]\n[College diploma]\n[No degree]',
  ]);
  expect((await h.send('University degree'))[0]).toContain('Is your field of study information technology (IT)?');
});

describe('Microsoft Teams rendering', () => {
  test('choices come as a hero card with buttons that send their label', async () => {
    const h = await harness('msteams');
    await h.send('start pn-eligibility');
    const prompt = h.replies[1] as Partial<Activity>;
    const card = prompt.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.hero');
    const content = card?.content as { text: string; buttons: { type: string; title: string; value: string }[] };
    expect(content.text).toBe('Bạn đã tốt nghiệp THPT (lớp 12) chưa?');
    expect(content.buttons.map((b) => [b.type, b.title, b.value])).toEqual([
      ['imBack', 'Đã tốt nghiệp', 'Đã tốt nghiệp'],
      ['imBack', 'Đang học lớp 12', 'Đang học lớp 12'],
      ['imBack', 'Đang học lớp 10/11', 'Đang học lớp 10/11'],
    ]);
  });

  test('the outcome is an Adaptive Card whose buttons carry entry and flow ids', async () => {
    const h = await harness('msteams');
    for (const t of ['start pn-eligibility', 'Đã tốt nghiệp', '19', 'Không thể chi trả', 'Miền Trung']) await h.send(t);
    await h.send('Có');
    const outcome = h.replies[h.replies.length - 1] as Partial<Activity>;
    expect(outcome.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(visible(outcome)).toContain('**Có khả năng bạn phù hợp.**');
    expect(offeredValues(outcome)).toEqual([
      { action: 'flow', flow: 'contact' },
      { action: 'entry', id: 'pn.how-to-apply' },
      { action: 'entry', id: 'pn.eligibility' },
    ]);
  });
});

test('reloaded flows: a flow removed by an edit is dropped, a new one can start', async () => {
  const h = await harness();
  await h.send('start contact');
  const all = await shippedFlows();
  const withoutContact = all.flows.filter((f) => f.id !== 'contact');
  h.runner.setFlows({ flows: withoutContact, byId: new Map(withoutContact.map((f) => [f.id, f])) });
  expect(await h.send('Nguyễn Văn An')).toEqual(['bot: Nguyễn Văn An']);
  expect(h.warnings).toEqual([{ dialogId: 'flow:contact' }]);

  const renamed = { ...(all.byId.get('handoff') as (typeof all.flows)[number]), id: 'talk-to-staff' };
  h.runner.setFlows({ flows: [...withoutContact, renamed], byId: new Map([...withoutContact, renamed].map((f) => [f.id, f])) });
  expect(h.runner.hasFlow('talk-to-staff')).toBe(true);
  expect((await h.send('start talk-to-staff'))[1]).toBe('Cán bộ nên liên hệ với bạn qua số di động hoặc email nào?');
});

test('in a Teams channel the @mention of the bot is not part of the answer', async () => {
  const h = await harness('msteams');
  await h.send('start contact');
  const mention = { type: 'mention', mentioned: { id: 'bot', name: 'Bot' }, text: '<at>Bot</at>' };
  const turn = await h.send({ text: '<at>Bot</at> Lê Văn Tám', recipient: { id: 'bot', name: 'Bot' }, entities: [mention] });
  expect(turn).toEqual(['Số điện thoại di động hoặc email để cán bộ liên hệ với bạn?']);
});
