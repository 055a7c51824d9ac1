/**
 * One reply, each channel's way: Messenger gets plain text in pieces of at most 2,000
 * characters, at most 13 quick replies of at most 20 characters (the content's short
 * titles, "more" for a long list) whose payload is the button's value as JSON; unknown
 * channels get plain text and at most 10 buttons; Web Chat and Teams stay as they were.
 */
import type { Activity, CardAction } from 'botbuilder';
import { channelProfile, MESSENGER, UNKNOWN_CHANNEL } from '../../src/bot/channel-profile';
import { readMessengerInput } from '../../src/bot/messenger-input';
import { renderReply } from '../../src/bot/render';
import { parseButtonValue } from '../../src/core/conversation/button-value';
import type { Button, Reply } from '../../src/core/conversation/reply';

const question = (i: number): Button => ({
  kind: 'postBack',
  title: `Câu hỏi thường gặp số ${i} về chương trình học bổng?`,
  short: `Câu hỏi số ${i}`,
  value: { action: 'entry', id: `pn.q${i}` },
});

const menu: Reply = {
  text: '**Các câu hỏi** về [PN](https://www.passerellesnumeriques.org/):',
  buttons: [...Array.from({ length: 15 }, (_, i) => question(i + 1)), { kind: 'postBack', title: '⬅ Các chủ đề', value: { action: 'menu' } }],
  more: { title: 'Xem thêm ➡', area: 'pn', from: 0 },
};

const actions = (activities: Partial<Activity>[]): CardAction[] => activities.flatMap((a) => a.suggestedActions?.actions ?? []);

describe('channel profiles', () => {
  it('knows Messenger, Web Chat and Teams, and treats anything else as plain', () => {
    expect(channelProfile('facebook')).toBe(MESSENGER);
    expect(channelProfile('webchat').kind).toBe('markdown');
    expect(channelProfile('directline').kind).toBe('markdown');
    expect(channelProfile('msteams').kind).toBe('adaptiveCard');
    expect(channelProfile('telegram')).toBe(UNKNOWN_CHANNEL);
    expect(channelProfile('__proto__')).toBe(UNKNOWN_CHANNEL);
    expect(channelProfile(undefined)).toBe(UNKNOWN_CHANNEL);
  });
});

describe('Messenger rendering', () => {
  it('shows 12 questions by their short titles and "more", which lists the rest', () => {
    const activities = renderReply(menu, 'facebook');
    const shown = actions(activities);
    expect(shown).toHaveLength(13);
    expect(shown.every((a) => typeof a.title === 'string' && a.title.length <= 20)).toBe(true);
    expect(shown.slice(0, 12).map((a) => a.title)).toEqual(Array.from({ length: 12 }, (_, i) => `Câu hỏi số ${i + 1}`));
    expect(shown.map((a) => parseButtonValue(JSON.parse(String(a.value))))).toEqual([
      ...Array.from({ length: 12 }, (_, i) => ({ action: 'entry', id: `pn.q${i + 1}` })),
      { action: 'menu', area: 'pn', from: 12 },
    ]);
  });

  it('writes plain text with the link spelled out, and never a card', () => {
    const activities = renderReply(menu, 'facebook');
    expect(activities).toHaveLength(1);
    expect(activities[0]?.text).toBe('Các câu hỏi về PN: https://www.passerellesnumeriques.org/:');
    expect(activities[0]?.textFormat).toBe('plain');
    expect(activities.flatMap((a) => a.attachments ?? [])).toEqual([]);
  });

  it('cuts a long answer into messages of at most 2,000 characters, the buttons under the last', () => {
    const paragraph = 'Passerelles numériques Việt Nam tuyển sinh hằng năm cho các bạn ở miền Trung. '.repeat(10).trim();
    const reply: Reply = {
      text: Array.from({ length: 6 }, () => paragraph).join('\n\n'),
      buttons: [question(1), { kind: 'openUrl', title: 'Trang tuyển sinh', url: 'https://www.passerellesnumeriques.org/vi/' }],
      trace: { entryId: 'pn.q1', confidence: 0.9, decision: 'answer', candidates: ['pn.q1'] },
    };
    const activities = renderReply(reply, 'facebook');
    expect(activities.length).toBeGreaterThan(1);
    expect(activities.every((a) => (a.text ?? '').length <= 2000)).toBe(true);
    expect(activities.slice(0, -1).every((a) => a.suggestedActions === undefined)).toBe(true);
    // The link is Messenger's button template (its text at most 640 characters), with the quick replies.
    const last = activities.at(-1)?.channelData as { attachment?: { payload?: { template_type: string; text: string; buttons: { url: string; title: string }[] } } };
    expect(last.attachment?.payload?.template_type).toBe('button');
    expect(last.attachment?.payload?.buttons).toEqual([{ type: 'web_url', url: 'https://www.passerellesnumeriques.org/vi/', title: 'Trang tuyển sinh' }]);
    expect((last.attachment?.payload?.text ?? '').length).toBeLessThanOrEqual(640);
    expect(activities.at(-1)?.suggestedActions?.actions).toHaveLength(1);
    expect(activities.map((a) => a.text).join('\n')).not.toContain('https://www.passerellesnumeriques.org/vi/');
    expect(activities.every((a) => (a.channelData as { entryId?: string }).entryId === 'pn.q1')).toBe(true);
  });

  it('shortens a title without a short form at a word, never inside one', () => {
    const reply: Reply = { text: 'x', buttons: [{ kind: 'postBack', title: 'Talk to admissions staff now', value: { action: 'handoff' } }] };
    expect(actions(renderReply(reply, 'facebook')).map((a) => a.title)).toEqual(['Talk to admissions…']);
  });
});

describe('Messenger input', () => {
  it('reads a quick reply payload back as the button value, validated by the engine', () => {
    const [action] = actions(renderReply({ text: 'x', buttons: [question(3)] }, 'facebook'));
    const input = readMessengerInput({ message: { quick_reply: { payload: action?.value } } }, action?.title);
    expect(input.kind === 'message' && parseButtonValue(input.value)).toEqual({ action: 'entry', id: 'pn.q3' });
  });

  it('knows "Get Started" from a postback or its payload as text', () => {
    expect(readMessengerInput({ postback: { payload: 'GET_STARTED', title: 'Get Started' } }, 'Get Started').kind).toBe('getStarted');
    expect(readMessengerInput(undefined, 'GET_STARTED').kind).toBe('getStarted');
    expect(readMessengerInput(undefined, 'get started please').kind).toBe('message');
  });

  it('ignores a payload that is not ours, so the title is read as typed text', () => {
    expect(readMessengerInput({ message: { quick_reply: { payload: 'DEVELOPER_DEFINED' } } }, 'Học phí')).toEqual({ kind: 'message' });
    expect(readMessengerInput({ message: { quick_reply: { payload: 42 } } }, 'Học phí')).toEqual({ kind: 'message' });
    expect(parseButtonValue((readMessengerInput({ postback: { payload: '{"action":"entry"}' } }, 'x') as { value?: unknown }).value)).toBeNull();
  });
});

describe('other channels', () => {
  it('gives an unknown channel plain text and at most 10 buttons, values as objects', () => {
    const activities = renderReply(menu, 'telegram');
    const shown = actions(activities);
    expect(activities[0]?.text).not.toContain('**');
    expect(shown).toHaveLength(10);
    expect(shown.at(-1)?.value).toEqual({ action: 'menu', area: 'pn', from: 9 });
    expect(activities.flatMap((a) => a.attachments ?? [])).toEqual([]);
  });

  it('keeps Web Chat in Markdown with every button, and Teams in an Adaptive Card', () => {
    const [webchat] = renderReply(menu, 'webchat');
    expect(webchat?.text).toContain('**Các câu hỏi**');
    expect(webchat?.suggestedActions?.actions).toHaveLength(16);
    const [teams] = renderReply(menu, 'msteams');
    expect(teams?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });
});
