/**
 * The engine honours the staff's controls: an entry or an area switched off is never
 * answered, suggested or listed; "hand-over only" sends questions to the hand-over;
 * outside office hours the hand-over says when staff answer.
 */
import path from 'node:path';
import { engineContent, loadContentBundle, type ContentBundle } from '../../../src/core/content/bundle';
import { planLabels } from '../../../src/core/conversation/labels';
import { decideTurn, emptyState, type EngineContent, type EngineInput, type EngineState } from '../../../src/core/engine';
import { NO_CONTROLS, type BotControls } from '../../../src/core/engine/controls-schema';
import { isWithinOfficeHours, nextOpening } from '../../../src/core/engine/office-hours';

// Compiling the knowledge base takes seconds, and far longer on a loaded machine.
jest.setTimeout(240_000);
const ROOT = path.resolve(__dirname, '../../..');
const who = { channelId: 'test', conversationId: 'c1', userId: 'u1' };
let bundle: ContentBundle;
beforeAll(async () => {
  bundle = await loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
});

const content = (controls: Partial<BotControls>): EngineContent => ({ ...engineContent(bundle), controls: { ...NO_CONTROLS, ...controls } });

function turn(input: EngineInput, controls: Partial<BotControls>, now = new Date('2026-12-02T03:00:00Z'), state: EngineState = emptyState()) {
  const result = decideTurn(state, input, content(controls), { who, locale: 'en-US', now, newReference: () => 'PN-CTRL01' }, { maxMessageLength: 2000 });
  return { labels: result.replies.map(planLabels), replies: result.replies, records: result.records, state: result.state };
}

const ask = (text: string): EngineInput => ({ kind: 'message', text });
const QUESTION = 'Who can apply to PN?';

describe('controls in the engine', () => {
  it('with everything on, the question is answered (the baseline of the other tests)', () => {
    expect(turn(ask(QUESTION), {}).replies[0].trace).toMatchObject({ decision: 'answer', entryId: 'pn.eligibility' });
  });

  it('an entry switched off is not answered, suggested, or reachable by its button', () => {
    const off = { disabledEntries: ['pn.eligibility'] };
    const asked = turn(ask(QUESTION), off);
    expect(asked.replies[0].trace?.decision).toBe('fallback');
    expect(JSON.stringify(asked.replies)).not.toContain('pn.eligibility');
    const clicked = turn({ kind: 'message', value: { action: 'entry', id: 'pn.eligibility' } }, off);
    expect(clicked.labels[0]).toContain('key:fallback.text');
    expect(asked.records.find((record) => record.kind === 'unanswered')).toBeDefined();
  });

  it('an area switched off disappears from its menu and from answers', () => {
    const off = { disabledAreas: ['pn'] };
    const menu = turn({ kind: 'message', value: { action: 'menu', area: 'pn' } }, off);
    expect(menu.labels[0]).toContain('key:menu.areaEmpty');
    expect(turn(ask(QUESTION), off).replies[0].trace?.entryId ?? null).toBeNull();
    // Another area still answers.
    const other = bundle.answerer.content.kb.entries.find((entry) => entry.area !== 'pn' && entry.area !== 'bot' && !entry.action);
    expect(other).toBeDefined();
    const decided = turn(ask(other!.question.en), off).replies[0].trace;
    expect(decided?.entryId).toBe(other!.id);
  });

  it('hand-over only: a question starts the hand-over with the question, and says why', () => {
    const { labels, state } = turn(ask(QUESTION), { handoverOnly: true });
    expect(labels[0]).toEqual(['key:handoff.handoverOnly']);
    expect(state.conversation.flow?.id).toBe('handoff');
    expect(state.conversation.recentQuestions).toContain(QUESTION);
  });

  it('outside office hours the hand-over says when staff answer; inside it does not', () => {
    const officeHours = { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' };
    // Wednesday 2 December 2026, 21:00 in Vietnam (14:00 UTC): next opening Thursday 08:00.
    const evening = turn(ask('talk to a person'), { officeHours }, new Date('2026-12-02T14:00:00Z'));
    expect(evening.labels[0]).toEqual(['key:handoff.outsideHours']);
    expect(JSON.stringify(evening.replies[0])).toContain('03/12/2026');
    expect(evening.state.conversation.flow?.id).toBe('handoff');
    // 10:00 in Vietnam.
    const morning = turn(ask('talk to a person'), { officeHours }, new Date('2026-12-02T03:00:00Z'));
    expect(morning.labels.flat()).not.toContain('key:handoff.outsideHours');
  });
});

describe('office hours', () => {
  const hours = { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' };
  it('reads Vietnam time', () => {
    expect(isWithinOfficeHours(new Date('2026-12-02T01:00:00Z'), hours)).toBe(true); // Wed 08:00
    expect(isWithinOfficeHours(new Date('2026-12-02T00:59:00Z'), hours)).toBe(false); // Wed 07:59
    expect(isWithinOfficeHours(new Date('2026-12-02T10:00:00Z'), hours)).toBe(false); // Wed 17:00
    expect(isWithinOfficeHours(new Date('2026-12-05T03:00:00Z'), hours)).toBe(false); // Sat 10:00
  });
  it('finds the next opening across the weekend', () => {
    expect(nextOpening(new Date('2026-12-04T12:00:00Z'), hours).toISOString()).toBe('2026-12-07T01:00:00.000Z'); // Fri 19:00 -> Mon 08:00
    expect(nextOpening(new Date('2026-12-02T00:00:00Z'), hours).toISOString()).toBe('2026-12-02T01:00:00.000Z'); // Wed 07:00 -> 08:00
  });
});
