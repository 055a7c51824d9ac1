/**
 * Messenger through the real bot over HTTP: activities with channelId "facebook" as Azure
 * Bot Service delivers them (a tapped quick reply: its title as text, its payload in
 * channelData.message.quick_reply; "Get Started": a postback in channelData.postback).
 * Every reply is checked for what Messenger can show: no Markdown, no card, at most 2,000
 * characters a message, at most 13 quick replies of at most 20 characters.
 * PRINT_TRANSCRIPT=1 prints the Vietnamese conversation as the user sees it.
 */
import type { Activity, CardAction } from 'botbuilder';
import { parseButtonValue, type ButtonValue } from '../../src/core/conversation/button-value';
import { conversation, saysOf, startTestServer, traceOf, type TestServer } from './harness';

/** What Messenger would print as raw Markdown characters. */
const MARKDOWN = /\*\*|__|\]\(|^\s{0,3}#{1,6}\s|`|(^|\s)_\S[^_]*_(\s|$)/m;

let server: TestServer;
const transcript: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_CONVERSATION_PER_MINUTE: '0', RATE_LIMIT_IP_PER_MINUTE: '0' });
});

afterAll(async () => {
  await server?.close();
  if (process.env.PRINT_TRANSCRIPT) console.log(transcript.join('\n'));
});

type Chat = ReturnType<typeof conversation>;

const quickReplies = (activities: Activity[]): CardAction[] => activities.flatMap((a) => a.suggestedActions?.actions ?? []);

interface ButtonTemplate {
  text: string;
  buttons: { type: string; url: string; title: string }[];
}

/** Messenger's button template in an activity's channel data (what Azure Bot Service sends Messenger), if any. */
function buttonTemplateOf(activity: Activity): ButtonTemplate | undefined {
  const attachment = (activity.channelData as { attachment?: { type?: string; payload?: { template_type?: string } & ButtonTemplate } } | undefined)?.attachment;
  return attachment?.type === 'template' && attachment.payload?.template_type === 'button' ? attachment.payload : undefined;
}

/** Everything a Messenger user would see wrong, as a list (empty when the replies fit). */
function messengerProblems(activities: Activity[]): string[] {
  const problems: string[] = [];
  for (const activity of activities) {
    const text = activity.text ?? '';
    if (MARKDOWN.test(text)) problems.push(`Markdown in ${JSON.stringify(text.slice(0, 80))}`);
    if (text.length > 2000) problems.push(`a message of ${text.length} characters`);
    if ((activity.attachments ?? []).length > 0) problems.push(`attachments ${activity.attachments?.map((a) => a.contentType).join(', ')}`);
    const template = buttonTemplateOf(activity);
    if (template) {
      if (template.text === '' || template.text.length > 640) problems.push(`button template text of ${template.text.length} characters`);
      if (template.buttons.length > 3) problems.push(`${template.buttons.length} template buttons`);
      for (const button of template.buttons) if (button.title.length > 20 || !button.url.startsWith('https://')) problems.push(`template button ${JSON.stringify(button)}`);
    }
    const actions = activity.suggestedActions?.actions ?? [];
    if (actions.length > 13) problems.push(`${actions.length} quick replies`);
    for (const action of actions) {
      if (action.title.length > 20) problems.push(`quick reply title "${action.title}"`);
      // Every button these conversations show has a short title written in the content or catalogue.
      if (action.title.endsWith('…')) problems.push(`quick reply title cut: "${action.title}"`);
      if (typeof action.value !== 'string' || parseButtonValue(JSON.parse(action.value)) === null) problems.push(`payload ${String(action.value)}`);
    }
  }
  return problems;
}

/** Posts as Messenger, checks what the user would see, and notes it in the transcript. */
async function send(activity: Record<string, unknown>, shown: string): Promise<Activity[]> {
  const { status, activities } = await server.post(activity);
  expect(status).toBe(200);
  expect(messengerProblems(activities)).toEqual([]);
  transcript.push(`👤 ${shown}`);
  for (const reply of activities) {
    transcript.push(...(reply.text ?? '').split('\n').map((line, i) => (i === 0 ? `🤖 ${line}` : `   ${line}`)));
    const titles = quickReplies([reply]).map((a) => `[${a.title}]`);
    if (titles.length > 0) transcript.push(`   ${titles.join(' ')}`);
  }
  transcript.push('');
  return activities;
}

const say = (chat: Chat, text: string) => send(chat.message(text), text);

/** A tap on a quick reply, as Messenger sends it: the title as text, the payload in channel data. */
function tap(chat: Chat, action: CardAction | undefined): Promise<Activity[]> {
  if (!action) throw new Error('no such quick reply');
  return send(chat.message(action.title, { channelData: { message: { quick_reply: { payload: action.value } } } }), `(chạm) ${action.title}`);
}

const valueOf = (action: CardAction): ButtonValue | null => parseButtonValue(JSON.parse(String(action.value)));
const findAction = (activities: Activity[], match: (value: ButtonValue) => boolean) => quickReplies(activities).find((a) => { const v = valueOf(a); return v !== null && match(v); });
const welcomes = (activities: Activity[]) => activities.filter((a) => saysOf(a).includes('key:welcome.title')).length;
const getStarted = (chat: Chat) => send(chat.message('Get Started', { channelData: { postback: { payload: 'GET_STARTED', title: 'Get Started' } } }), '(chạm) Bắt đầu');

describe('Messenger over HTTP', () => {
  it('welcomes once when both a conversation update and "Get Started" arrive, in either order', async () => {
    const chat = conversation({ channelId: 'facebook', locale: 'vi_VN' });
    const joined = await send(chat.join(), '(mở cuộc trò chuyện)');
    const started = await getStarted(chat);
    expect(welcomes(joined) + welcomes(started)).toBe(1);
    expect(quickReplies(joined).length).toBeGreaterThan(0);

    const other = conversation({ channelId: 'facebook' });
    const first = (await server.post(other.message('Get Started', { channelData: { postback: { payload: 'GET_STARTED' } } }))).activities;
    const second = (await server.post(other.join())).activities;
    expect(welcomes(first) + welcomes(second)).toBe(1);
  });

  it('welcomes a first message that came without "Get Started", and answers it', async () => {
    const chat = conversation({ channelId: 'facebook' });
    const replies = (await server.post(chat.message('PN là tổ chức gì?'))).activities;
    expect(welcomes(replies)).toBe(1);
    expect(replies.map(traceOf).find(Boolean)?.entryId).toBe('pn.about');
    expect(welcomes((await server.post(chat.message('PN là tổ chức gì?'))).activities)).toBe(0);
  });

  it('answers with the link as a button template, and a tapped follow-up comes back as its button value', async () => {
    const chat = conversation({ channelId: 'facebook' });
    await getStarted(chat);
    const answer = await say(chat, 'PN là tổ chức gì?');
    const entry = server.answerer.entry('pn.about');
    const link = entry?.links[0];
    expect(traceOf(answer[0] as Activity)?.entryId).toBe('pn.about');
    const templates = answer.map(buttonTemplateOf).filter((template) => template !== undefined);
    expect(templates).toHaveLength(1);
    expect(templates[0]?.buttons).toContainEqual(expect.objectContaining({ type: 'web_url', url: link?.url }));
    const followUp = entry?.followUps[0];
    const tapped = await tap(chat, findAction(answer, (v) => v.action === 'entry' && v.id === followUp));
    expect(traceOf(tapped[0] as Activity)?.entryId).toBe(followUp);
  });

  it('shows a 16-button menu as 12 questions and "more", which shows the rest', async () => {
    const chat = conversation({ channelId: 'facebook' });
    const menu = await say(chat, 'menu');
    const area = await tap(chat, findAction(menu, (v) => v.action === 'menu' && v.area === 'pn'));
    expect(quickReplies(area)).toHaveLength(13);
    const more = findAction(area, (v) => v.action === 'menu' && v.area === 'pn' && v.from !== undefined);
    const rest = await tap(chat, more);
    const questions = (activities: Activity[]) => quickReplies(activities).flatMap((a) => { const v = valueOf(a); return v?.action === 'entry' ? [v.id] : []; });
    const pn = server.answerer.content.kb.entries.filter((e) => e.area === 'pn').map((e) => e.id);
    expect(pn.length + 1).toBeGreaterThan(13);
    expect([...questions(area), ...questions(rest)]).toEqual(pn);
    // A question typed as its button showed it is answered like a tap.
    const shown = quickReplies(rest).find((a) => valueOf(a)?.action === 'entry');
    const typed = await say(chat, shown?.title ?? '');
    expect(traceOf(typed[0] as Activity)?.entryId).toBe((valueOf(shown as CardAction) as { id: string }).id);
  });

  it('goes through the eligibility flow by quick replies and typed answers to its outcome', async () => {
    const chat = conversation({ channelId: 'facebook' });
    await getStarted(chat);
    let replies = await say(chat, 'kiểm tra điều kiện');
    expect(replies.flatMap(saysOf)).toContain('intro:pn-eligibility');
    const answers: Record<string, string> = { age: '19' };
    for (let step = 0; step < 10 && !replies.flatMap(saysOf).some((label) => label.startsWith('outcome:pn-eligibility')); step += 1) {
      const prompt = replies.flatMap(saysOf).find((label) => label.startsWith('prompt:pn-eligibility.'));
      const stepId = prompt?.split('.').at(-1) ?? '';
      const choice = findAction(replies, (v) => v.action === 'answer');
      replies = choice && answers[stepId] === undefined ? await tap(chat, choice) : await say(chat, answers[stepId] ?? 'có');
    }
    expect(replies.flatMap(saysOf).some((label) => label.startsWith('outcome:pn-eligibility'))).toBe(true);
  });

  it('offers "did you mean" as quick replies that fit', async () => {
    const chat = conversation({ channelId: 'facebook' });
    const { entries } = server.answerer.content.kb;
    const vague = entries
      .flatMap((entry) => [2, 3, 4].map((words) => entry.question.vi.split(' ').slice(0, words).join(' ')))
      .find((text) => server.answerer.decide(text).kind === 'suggest');
    expect(vague).toBeDefined();
    await getStarted(chat);
    const replies = await say(chat, vague ?? '');
    expect(replies.map(traceOf).find(Boolean)?.decision).toBe('suggest');
    const suggested = quickReplies(replies).filter((a) => valueOf(a)?.action === 'entry');
    expect(suggested.length).toBeGreaterThan(0);
    const tapped = await tap(chat, suggested[0]);
    expect(traceOf(tapped[0] as Activity)?.entryId).toBe((valueOf(suggested[0] as CardAction) as { id: string }).id);
  });

  it('shows the English menus with short titles too, none cut', async () => {
    const chat = conversation({ channelId: 'facebook', locale: 'en_US' });
    const areas = (await server.post(chat.message('English'))).activities;
    expect(messengerProblems(areas)).toEqual([]);
    for (const area of ['pn', 'ms', 'jp']) {
      const { activities } = await server.post(chat.message(area, { channelData: { message: { quick_reply: { payload: JSON.stringify({ action: 'menu', area }) } } } }));
      expect(messengerProblems(activities)).toEqual([]);
      expect(quickReplies(activities).length).toBeGreaterThan(1);
    }
  });
});
