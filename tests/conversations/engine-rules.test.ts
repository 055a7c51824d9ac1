/**
 * Engine rules a transcript cannot show: the context handed to the matcher and when it
 * expires, what happens when a commit fails, content removed by a reload, the hand-over's
 * open period, and staff notification.
 */
import path from 'node:path';
import { engineContent, loadContentBundle, type ContentBundle } from '../../src/core/content/bundle';
import { planLabels } from '../../src/core/conversation/labels';
import { commitTurn, decideTurn, emptyState, type EngineContent, type EngineInput, type EngineState, type TurnPorts } from '../../src/core/engine';
import { memoryPorts } from '../helpers/memory-ports';
import type { StoredRecord } from '../../src/core/records';
import type { MatchContext } from '../../src/core/knowledge/types';
import type { Utterance } from '../../src/core/language/utterance';

const ROOT = path.resolve(__dirname, '../..');
const who = { channelId: 'test', conversationId: 'c1', userId: 'u1' };
let bundle: ContentBundle;
beforeAll(async () => {
  bundle = await loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
});

const text = (value: string): EngineInput => ({ kind: 'message', text: value });
const click = (value: Record<string, unknown>): EngineInput => ({ kind: 'message', value });

const ports = memoryPorts;

/** Plays the inputs; returns the last turn's labels and the state after it. */
async function play(inputs: EngineInput[], options: { state?: EngineState; content?: EngineContent; ports?: TurnPorts; now?: Date } = {}) {
  let state = options.state ?? emptyState();
  let labels: string[][] = [];
  let buttons: unknown[] = [];
  for (const input of inputs) {
    const env = { who, locale: 'en-US', now: options.now ?? new Date(), newReference: () => 'PN-RULES2' };
    const result = decideTurn(state, input, options.content ?? engineContent(bundle), env, { maxMessageLength: 2000 });
    const applied = await commitTurn(result, who, options.ports ?? ports());
    await applied.afterReplies?.();
    state = applied.state;
    labels = applied.replies.map(planLabels);
    buttons = applied.replies.flatMap((r) => r.buttons.flatMap((b) => ('value' in b ? [b.value] : [])));
  }
  return { state, labels, buttons };
}

describe('context for follow-ups', () => {
  function recording(): { content: EngineContent; contexts: Array<MatchContext | undefined> } {
    const contexts: Array<MatchContext | undefined> = [];
    const base = engineContent(bundle);
    const answerer = {
      read: (text: string) => base.answerer.read(text),
      decide: (message: string | Utterance, context?: MatchContext) => (contexts.push(context), base.answerer.decide(message, context)),
      entry: (id: string) => base.answerer.entry(id),
    };
    return { content: { ...base, answerer }, contexts };
  }

  it('hands the matcher the entry answered in the last turns with the question it answered, and drops it after three', async () => {
    const { content, contexts } = recording();
    await play([text('Who can apply to PN?'), text('how long does it take?')], { content });
    expect(contexts).toEqual([{}, { previousEntryId: 'pn.eligibility', previousQuestion: 'Who can apply to PN?' }]);

    const late = recording();
    await play([text('Who can apply to PN?'), text('😀'), text('😀'), text('😀'), text('and then?')], { content: late.content });
    expect(late.contexts.at(-1)).toEqual({});
  });

  it('forgets the context at the menu and on a language switch', async () => {
    for (const reset of [text('menu'), click({ action: 'menu' }), text('tiếng Việt')]) {
      const { content, contexts } = recording();
      await play([text('Who can apply to PN?'), reset, text('and then?')], { content });
      expect(contexts.at(-1)).toEqual({});
    }
  });

  it('moves the context to a clicked entry', async () => {
    const { content, contexts } = recording();
    await play([text('Who can apply to PN?'), click({ action: 'entry', id: 'pn.scholarship' }), text('and then?')], { content });
    expect(contexts.at(-1)).toEqual({ previousEntryId: 'pn.scholarship' });
  });
});

describe('commits that fail', () => {
  const contactForm = [click({ action: 'flow', flow: 'contact' }), text('Tran Thi Mai'), text('mai@example.com'), text('1'), text('2')];

  it('a lead that cannot be stored: the user is told, gets no reference, and nothing is remembered', async () => {
    const failing = ports({ append: async () => Promise.reject(new Error('disk full')), appendOnce: async () => Promise.reject(new Error('disk full')) });
    const { state } = await play(contactForm);
    const { labels, state: after } = await play([text('yes')], { state, ports: failing });
    expect(labels).toEqual([['key:flows:save.failed']]);
    expect(after.user.remembered).toBeUndefined();
    expect(after.conversation.flow).toBeUndefined();
  });

  it('feedback that cannot be stored is not thanked for', async () => {
    const failing = ports({ append: async () => Promise.reject(new Error('disk full')) });
    const { labels } = await play([click({ action: 'feedback', id: 'pn.about', vote: 'up' })], { ports: failing });
    expect(labels).toEqual([['key:feedback.saveFailed']]);
  });

  it('a deletion that fails says so, offers a person, and keeps the state', async () => {
    const failing = ports({ deleteUserData: async () => Promise.reject(new Error('disk')) });
    const { state } = await play([text('English'), text('delete my data')]);
    const { labels, buttons, state: after } = await play([text('yes')], { state, ports: failing });
    expect(labels).toEqual([['key:privacy.deleteFailed']]);
    expect(buttons).toEqual([{ action: 'handoff' }]);
    expect(after.user.lang).toBe('en');
  });
});

describe('content that changed', () => {
  it('drops a form whose flow a reload removed, and answers the message', async () => {
    const state = emptyState();
    state.conversation.flow = { id: 'removed-flow', answers: {}, stepId: 'name', attempts: 0 };
    const { labels, state: after } = await play([text('Who can apply to PN?')], { state });
    expect(labels).toEqual([['entry:pn.eligibility']]);
    expect(after.conversation.flow).toBeUndefined();
  });

  it('an answer button of a form that is over shows the topics', async () => {
    const { labels } = await play([click({ action: 'answer', step: 'interest', value: 'pn' })]);
    expect(labels).toEqual([['key:help.text']]);
  });
});

describe('hand-over', () => {
  const handover = [text('talk to a person'), text('0912345678'), text('yes')];

  it('notifies staff of the stored request, once', async () => {
    const notified: Array<[StoredRecord, string]> = [];
    const recording = ports({ notifyStaff: async (record, flow) => void notified.push([record, flow]) });
    await play(handover, { ports: recording });
    expect(notified).toEqual([[expect.objectContaining({ kind: 'handoff', reference: 'PN-RULES2' }), 'handoff']]);
  });

  it('counts a request as open for three days, then takes a new one', async () => {
    const then = new Date('2026-11-01T08:00:00Z');
    const { state } = await play(handover, { now: then });
    const soon = await play([text('talk to a person')], { state, now: new Date('2026-11-03T08:00:00Z') });
    expect(soon.labels).toEqual([['key:handoff.alreadyOpen']]);
    const later = await play([text('talk to a person')], { state, now: new Date('2026-11-05T08:00:00Z') });
    // The contact is remembered from the first request; the consent is asked again.
    expect(later.labels).toEqual([['intro:handoff'], ['prompt:handoff.consent']]);
  });
});
