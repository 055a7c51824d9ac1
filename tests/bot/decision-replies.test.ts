/**
 * From a knowledge decision to what the user sees, with hand-made entries so
 * each rule (out-of-date notice, did-you-mean, menus, cards) is checked alone.
 */
import type { Activity } from 'botbuilder';
import { renderReply, adaptiveCardFor } from '../../src/bot/render';
import type { DecisionContext } from '../../src/core/conversation/decision-context';
import { answerReply as answerPlan, decisionReply as decisionPlan, isOutdated } from '../../src/core/conversation/decision-replies';
import type { ReplyPlan } from '../../src/core/conversation/plan';
import { resolvePlan } from '../../src/core/conversation/resolve';
import type { Decision, KnowledgeEntry } from '../../src/core/knowledge/types';
import { t } from './bot-harness';

function entry(id: string, extra: Partial<KnowledgeEntry> = {}): KnowledgeEntry {
  return {
    id,
    area: 'pn',
    question: { vi: `Câu hỏi ${id}?`, en: `Question ${id}?` },
    alternates: { vi: [], en: [] },
    answer: { vi: `Trả lời ${id}.`, en: `Answer ${id}.` },
    followUps: [],
    links: [],
    tags: [],
    sources: [],
    location: { file: 'knowledge/test.yaml', line: 1 },
    ...extra,
  };
}

const entries = new Map(
  [
    entry('a', { followUps: ['b', 'gone'], links: [{ title: { vi: 'Trang PN', en: 'PN site' }, url: 'https://example.org/pn' }] }),
    entry('b'),
    entry('c'),
    entry('d'),
    entry('old', { validUntil: '2020-01-31' }),
  ].map((item) => [item.id, item]),
);

const context = (lang: 'vi' | 'en', now = new Date('2026-06-01T00:00:00Z')): DecisionContext => ({
  lang,
  lookup: (id) => entries.get(id),
  now,
});

/** What the user sees of a plan: strings from the catalogue, entry texts from the entries above. */
const resolve = (plan: ReplyPlan) => resolvePlan(plan, { t, answerer: { entry: (id) => entries.get(id) }, flows: { flows: [], byId: new Map() } });
const answerReply = (...args: Parameters<typeof answerPlan>) => resolve(answerPlan(...args));
const decisionReply = (...args: Parameters<typeof decisionPlan>) => resolve(decisionPlan(...args));

const decision = (kind: Decision['kind'], ids: string[], extra: Partial<Decision> = {}): Decision => ({
  kind,
  confidence: 0.5,
  candidates: ids.map((id, index) => ({ id, confidence: 0.5 - index / 10, score: 1 })),
  detectedLang: null,
  ...extra,
});

describe('answer', () => {
  it('gives the answer, follow-ups that exist, links and feedback, in the reply language', () => {
    const reply = answerReply(context('en'), entries.get('a')!, 0.9, ['a', 'b']);
    expect(reply.text).toBe('Answer a.');
    expect(reply.buttons).toEqual([
      { kind: 'postBack', title: 'Question b?', value: { action: 'entry', id: 'b' } },
      { kind: 'openUrl', title: 'PN site', url: 'https://example.org/pn' },
      { kind: 'postBack', title: t('en', 'feedback.up'), value: { action: 'feedback', id: 'a', vote: 'up' } },
      { kind: 'postBack', title: t('en', 'feedback.down'), value: { action: 'feedback', id: 'a', vote: 'down' } },
    ]);
    expect(reply.trace).toEqual({ entryId: 'a', confidence: 0.9, decision: 'answer', candidates: ['a', 'b'] });
  });

  it('adds a flow button, and the area buttons for `action: menu`', () => {
    const reply = answerPlan(context('vi'), entry('x', { flow: 'eligibility-check', action: 'menu' }), 1);
    expect(reply.buttons.map((button) => ('value' in button ? button.value : button.url))).toEqual([
      { action: 'flow', flow: 'eligibility-check' },
      { action: 'menu', area: 'pn' },
      { action: 'menu', area: 'ms' },
      { action: 'menu', area: 'jp' },
      { action: 'feedback', id: 'x', vote: 'up' },
      { action: 'feedback', id: 'x', vote: 'down' },
    ]);
  });

  it('warns that an answer past its validUntil date may be out of date', () => {
    const reply = answerReply(context('vi'), entries.get('old')!, 1);
    expect(reply.text).toBe(`Trả lời old.\n\n_${t('vi', 'answer.outdated')}_`);
    expect(answerReply(context('en'), entries.get('a')!, 1).text).not.toContain(t('en', 'answer.outdated'));
  });

  it('treats validUntil as valid through the whole of that day', () => {
    const old = entries.get('old')!;
    expect(isOutdated(old, new Date('2020-01-31T23:00:00Z'))).toBe(false);
    expect(isOutdated(old, new Date('2020-02-01T00:00:01Z'))).toBe(true);
  });
});

describe('did you mean', () => {
  it('offers at most three known candidates and "none of these"', () => {
    const reply = decisionReply(context('vi'), decision('suggest', ['b', 'missing', 'c', 'd', 'a']));
    expect(reply.text).toBe(t('vi', 'suggest.text'));
    expect(reply.buttons).toEqual([
      { kind: 'postBack', title: 'Câu hỏi b?', value: { action: 'entry', id: 'b' } },
      { kind: 'postBack', title: 'Câu hỏi c?', value: { action: 'entry', id: 'c' } },
      { kind: 'postBack', title: 'Câu hỏi d?', value: { action: 'entry', id: 'd' } },
      { kind: 'postBack', title: t('vi', 'suggest.none'), short: t('vi', 'short.suggest.none'), value: { action: 'none' } },
    ]);
    expect(reply.trace).toEqual({
      entryId: null,
      confidence: 0.5,
      decision: 'suggest',
      candidates: ['b', 'missing', 'c', 'd', 'a'],
    });
  });

  it('falls back when no candidate can be shown', () => {
    const reply = decisionReply(context('en'), decision('suggest', ['missing']));
    expect(reply.text).toBe(t('en', 'fallback.text'));
    expect(reply.trace?.decision).toBe('fallback');
  });
});

describe('fallback', () => {
  it('is honest, offers the areas and a person, and carries the candidates', () => {
    const reply = decisionReply(context('en'), decision('fallback', ['b'], { confidence: 0.1 }));
    expect(reply.text).toBe(t('en', 'fallback.text'));
    expect(reply.buttons.map((button) => button.title)).toEqual([
      t('en', 'areas.pn'),
      t('en', 'areas.ms'),
      t('en', 'areas.jp'),
      t('en', 'handoff.button'),
    ]);
    expect(reply.trace).toEqual({ entryId: null, confidence: 0.1, decision: 'fallback', candidates: ['b'] });
  });
});

describe('rendering', () => {
  const reply = answerReply(context('en'), entries.get('a')!, 0.9);

  it('sends Markdown text with its links, and buttons as suggested actions shown as what the user said, outside Teams', () => {
    const [activity] = renderReply(reply, 'webchat') as [Partial<Activity>];
    const link = reply.buttons.find((button) => button.kind === 'openUrl')!;
    // The link is part of the answer's bubble, as a Markdown link, not a card of its own.
    expect(activity.text).toBe(`Answer a.\n\n- [${link.title}](https://example.org/pn)`);
    expect(activity.attachments).toBeUndefined();
    expect(activity.channelData).toEqual(reply.trace);
    expect(activity.suggestedActions?.actions.map((action) => [action.type, action.title, action.value])).toEqual([
      ['messageBack', 'Question b?', { action: 'entry', id: 'b' }],
      ['messageBack', t('en', 'feedback.up'), { action: 'feedback', id: 'a', vote: 'up' }],
      ['messageBack', t('en', 'feedback.down'), { action: 'feedback', id: 'a', vote: 'down' }],
    ]);
    // Web Chat shows a messageBack as the user's message only when it has text and displayText.
    for (const action of activity.suggestedActions!.actions) expect([action.text, action.displayText]).toEqual([action.title, action.title]);
  });

  it('gives Teams an Adaptive Card: long titles on their own row, short ones side by side', () => {
    const long = answerReply(context('en'), entry('long', { followUps: ['b'] }), 1);
    long.buttons[0] = { ...long.buttons[0], title: 'A follow-up question that is much longer than a button' };
    const card = adaptiveCardFor(long) as { body: Array<{ type: string; actions?: Array<{ title: string; tooltip?: string }> }> };
    expect(card.body.map((element) => element.type)).toEqual(['TextBlock', 'ActionSet', 'ActionSet']);
    // Longer than a Teams button: shortened at a word, the whole title as the tooltip.
    expect(card.body[1].actions).toEqual([
      expect.objectContaining({ title: 'A follow-up question that is much…', tooltip: 'A follow-up question that is much longer than a button' }),
    ]);
    expect(card.body[2].actions).toHaveLength(2);
    const [activity] = renderReply(long, 'msteams') as [Partial<Activity>];
    expect(activity.text).toBeUndefined();
    expect(activity.channelData).toEqual(long.trace);
  });
});
