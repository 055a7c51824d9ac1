/**
 * Engine support for channels that show fewer buttons and tell no "joined" (Messenger):
 * a menu page from a position ("more"), one welcome per conversation however the user
 * arrived, the first message welcomed when asked, and a choice's short title typed.
 */
import path from 'node:path';
import { engineContent, loadContentBundle, type ContentBundle } from '../../src/core/content/bundle';
import { parseButtonValue } from '../../src/core/conversation/button-value';
import { planLabels } from '../../src/core/conversation/labels';
import { decideTurn, emptyState, type EngineInput, type EngineState } from '../../src/core/engine';
import type { ReplyPlan } from '../../src/core/conversation/plan';

const ROOT = path.resolve(__dirname, '../..');
const who = { channelId: 'facebook', conversationId: 'c1', userId: 'u1' };
let bundle: ContentBundle;
beforeAll(async () => {
  bundle = await loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
});

function play(inputs: EngineInput[], start: EngineState = emptyState()): { state: EngineState; replies: ReplyPlan[][] } {
  let state = start;
  const replies: ReplyPlan[][] = [];
  for (const input of inputs) {
    const result = decideTurn(state, input, engineContent(bundle), { who, locale: 'vi-VN', now: new Date(), newReference: () => 'PN-X' }, { maxMessageLength: 2000 });
    state = result.state;
    replies.push(result.replies);
  }
  return { state, replies };
}

const entryIds = (reply: ReplyPlan | undefined) => (reply?.buttons ?? []).flatMap((b) => ('value' in b && b.value.action === 'entry' ? [b.value.id] : []));

describe('menu pages', () => {
  it('lists an area from a position, and the whole area is the two pages together', () => {
    const pnIds = engineContent(bundle).entries.filter((e) => e.area === 'pn').map((e) => e.id);
    expect(pnIds.length).toBeGreaterThan(13);
    const { replies } = play([
      { kind: 'message', value: { action: 'menu', area: 'pn' } },
      { kind: 'message', value: { action: 'menu', area: 'pn', from: 12 } },
    ]);
    const [first, second] = replies.map((r) => r[0]);
    expect(first?.page).toEqual({ area: 'pn', from: 0 });
    expect(second?.page).toEqual({ area: 'pn', from: 12 });
    expect(entryIds(first)).toEqual(pnIds);
    expect(entryIds(second)).toEqual(pnIds.slice(12));
  });

  it('reads a position only as a small whole number', () => {
    expect(parseButtonValue({ action: 'menu', area: 'pn', from: 12 })).toEqual({ action: 'menu', area: 'pn', from: 12 });
    for (const from of [-1, 0, 1.5, '12', 1e9, null]) expect(parseButtonValue({ action: 'menu', area: 'pn', from })).toEqual({ action: 'menu', area: 'pn' });
    const { replies } = play([{ kind: 'message', value: { action: 'menu', area: 'pn', from: 999 } }]);
    expect(replies[0]?.[0]?.page).toEqual({ area: 'pn', from: 0 });
  });
});

describe('welcome', () => {
  const welcomes = (replies: ReplyPlan[][]) => replies.flat().filter((r) => planLabels(r).includes('key:welcome.title')).length;

  it('is said once when the user joins twice (a conversation update and "Get Started")', () => {
    expect(welcomes(play([{ kind: 'join' }, { kind: 'join' }]).replies)).toBe(1);
  });

  it('comes before the answer to a first message when the channel asks, and only then', () => {
    const { replies } = play([
      { kind: 'message', text: 'học phí bao nhiêu', welcomeIfNew: true },
      { kind: 'message', text: 'học phí bao nhiêu', welcomeIfNew: true },
      { kind: 'join' },
    ]);
    expect(planLabels(replies[0]?.[0] as ReplyPlan)).toContain('key:welcome.title');
    expect(replies[0]?.length).toBeGreaterThan(1);
    expect(welcomes(replies)).toBe(1);
    expect(welcomes(play([{ kind: 'message', text: 'học phí bao nhiêu' }]).replies)).toBe(0);
  });
});

describe('typed titles', () => {
  it('answers a flow question when the user types the short title Messenger showed', () => {
    // "Only with difficulty" is neither the label ("Only with great difficulty") nor a synonym.
    const flow = bundle.flows.byId.get('pn-eligibility');
    const step = flow?.steps.find((s) => s.id === 'family');
    const choice = step?.kind === 'choice' ? step.choices.find((c) => c.id === 'struggle') : undefined;
    if (!step || !choice?.short) throw new Error('pn-eligibility asks "family" with a "struggle" choice that has a short title');
    const state: EngineState = { ...emptyState(), conversation: { turn: 3, recentQuestions: [], flow: { id: 'pn-eligibility', answers: {}, stepId: 'family', attempts: 0 } } };
    const after = play([{ kind: 'message', text: choice.short.en }], state).state;
    expect(after.conversation.flow?.answers.family).toBe('struggle');
  });

  it('answers the entry whose short title the user typed, even where the matcher alone would not', () => {
    // Entries with an action (talk to a person, the menu) start it instead, as their words ask.
    const entries = engineContent(bundle).entries.filter((e) => e.short && !e.action);
    // Twice over: the second time each title's fold comes from what the first turn kept with the entry.
    for (const round of [1, 2]) {
      for (const entry of entries) {
        for (const lang of ['vi', 'en'] as const) {
          const { replies } = play([{ kind: 'message', text: entry.short?.[lang] ?? '' }]);
          expect([round, entry.id, lang, replies[0]?.flatMap(planLabels)]).toEqual([round, entry.id, lang, expect.arrayContaining([`entry:${entry.id}`])]);
        }
      }
    }
  });
});
