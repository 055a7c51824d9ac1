/**
 * runTurn against a state store that loses races or fails on chosen writes: the turn is
 * re-run from fresh state a bounded number of times, a record is stored once, staff are
 * told once, and nothing is shown as saved unless it is.
 */
import path from 'node:path';
import { engineContent, loadContentBundle, type ContentBundle } from '../../src/core/content/bundle';
import { planLabels } from '../../src/core/conversation/labels';
import { EngineStateRepo, MAX_TURN_ATTEMPTS, runTurn, type ConversationRef, type EngineInput } from '../../src/core/engine';
import type { StoredRecord } from '../../src/core/records';
import { MemoryStateStore, StateConflictError, type StateStore, type Versioned } from '../../src/core/state';
import { memoryPorts, type MemoryPorts } from '../helpers/memory-ports';

const ROOT = path.resolve(__dirname, '../..');
let bundle: ContentBundle;
beforeAll(async () => {
  bundle = await loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
});

/** Memory state whose reads and writes can be made to fail (a conflict, an outage). */
class FaultyState implements StateStore {
  readonly inner = new MemoryStateStore();
  failRead?: () => Error | undefined;
  failWrite?: (key: string) => Error | undefined;
  writes = 0;

  read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const error = this.failRead?.();
    return error ? Promise.reject(error) : this.inner.read(keys);
  }

  write(key: string, value: unknown, expected: string | null): Promise<void> {
    this.writes += 1;
    const error = this.failWrite?.(key);
    return error ? Promise.reject(error) : this.inner.write(key, value, expected);
  }

  delete(keys: readonly string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  probe(): Promise<void> {
    return this.inner.probe();
  }
}

const who: ConversationRef = { channelId: 'test', conversationId: 'c-run-turn', userId: 'u-run-turn' };
const text = (value: string): EngineInput => ({ kind: 'message', text: value });
let references = 0;

function setup() {
  const state = new FaultyState();
  const notified: Array<[StoredRecord, string]> = [];
  const ports: MemoryPorts = memoryPorts({ notifyStaff: async (record, flow) => void notified.push([record, flow]) });
  const repo = new EngineStateRepo(state);
  const say = async (input: EngineInput) => {
    const outcome = await runTurn(input, { who, locale: 'en-US', now: new Date(), newReference: () => `PN-RT${++references}` }, engineContent(bundle), {
      state: repo,
      ports,
      options: { maxMessageLength: 2000 },
    });
    await outcome.afterReplies?.();
    return { ...outcome, labels: outcome.replies.flatMap(planLabels) };
  };
  return { state, ports, notified, say };
}

const isConversation = (key: string) => key.includes('/conversations/');

test('a hand-over confirmation that loses the race for the state is re-run: one record, staff told once, the reference shown', async () => {
  const { state, ports, notified, say } = setup();
  await say(text('talk to a person'));
  await say(text('an.nguyen@example.com'));
  let conflicts = 1;
  state.failWrite = (key) => (isConversation(key) && conflicts-- > 0 ? new StateConflictError(key) : undefined);
  const done = await say(text('Yes'));
  expect(done.attempts).toBe(2);
  const handoffs = ports.stored.filter((record) => record.kind === 'handoff');
  expect(handoffs).toHaveLength(1);
  expect(notified.map(([record, flow]) => [record.id, flow])).toEqual([[handoffs[0].id, 'handoff']]);
  expect(done.labels.some((label) => label.startsWith('outcome:handoff.'))).toBe(true);
});

test('a turn that keeps losing the race stops after MAX_TURN_ATTEMPTS and says its step was not kept', async () => {
  const { state, say } = setup();
  state.failWrite = (key) => new StateConflictError(key);
  const outcome = await say(text('talk to a person'));
  expect(outcome.attempts).toBe(MAX_TURN_ATTEMPTS);
  expect(outcome.labels).toEqual(['key:error.stateUnavailable']);
});

test('the state write failing right after a hand-over: it is confirmed, and the repeated "yes" finds it (one record, staff told once)', async () => {
  const { state, ports, notified, say } = setup();
  await say(text('talk to a person'));
  await say(text('an.nguyen@example.com'));
  state.failWrite = () => new Error('storage unavailable');
  const first = await say(text('Yes'));
  const saved = first.labels.filter((label) => label.startsWith('outcome:handoff.'));
  expect(saved).not.toEqual([]);
  expect(first.labels).not.toContain('key:error.stateUnavailable');
  state.failWrite = undefined;
  const again = await say(text('Yes'));
  expect(again.labels).toEqual(expect.arrayContaining(saved));
  const handoffs = ports.stored.filter((record) => record.kind === 'handoff');
  expect(handoffs).toHaveLength(1);
  expect(JSON.stringify(again.replies)).toContain(String(handoffs[0].reference));
  expect(notified).toHaveLength(1);
});

test('state that cannot be read: a question is answered, a form is not started, and nothing is written over the unread state', async () => {
  const { state, say } = setup();
  state.failRead = () => new Error('storage unavailable');
  const question = await say(text('Who can apply to PN?'));
  expect(question.labels.some((label) => label.startsWith('entry:'))).toBe(true);
  expect(question.labels).not.toContain('key:error.stateUnreadable');
  const form = await say(text('talk to a person'));
  expect(form.labels).toEqual(['key:error.stateUnavailable']);
  expect(state.writes).toBe(0);
});
