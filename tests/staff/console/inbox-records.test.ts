/**
 * What the staff inbox needs is recorded by the engine: the runner-up and the margin of
 * every decision in the question log, and the question behind a 👎 (masked, with the
 * user's ids so "delete my data" removes it).
 */
import path from 'node:path';
import { engineContent, loadContentBundle, type ContentBundle } from '../../../src/core/content/bundle';
import { commitTurn, decideTurn, emptyState, writeRecords, type EngineInput, type EngineState } from '../../../src/core/engine';
import { memoryPorts } from '../../helpers/memory-ports';

// Compiling the knowledge base takes seconds, and far longer on a loaded machine.
jest.setTimeout(240_000);
const ROOT = path.resolve(__dirname, '../../..');
const who = { channelId: 'test', conversationId: 'c1', userId: 'u1' };
let bundle: ContentBundle;
beforeAll(async () => {
  bundle = await loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
});

async function play(inputs: EngineInput[]) {
  const ports = memoryPorts();
  let state: EngineState = emptyState();
  for (const input of inputs) {
    const env = { who, locale: 'en-US', now: new Date(), newReference: () => 'PN-INBOX1', activityId: String(Math.random()) };
    const result = decideTurn(state, input, engineContent(bundle), env, { maxMessageLength: 2000 });
    const applied = await commitTurn(result, who, ports);
    await writeRecords(result.records, ports);
    state = applied.state;
  }
  return ports;
}

describe('inbox records', () => {
  it('the question log names the runner-up and the margin over it', async () => {
    const ports = await play([{ kind: 'message', text: 'Who can apply to PN?' }]);
    const question = ports.stored.find((record) => record.kind === 'question');
    const decision = bundle.answerer.decide('Who can apply to PN?');
    expect(question).toMatchObject({ decision: 'answer', entryId: 'pn.eligibility', runnerUp: decision.candidates[1].id });
    expect(question?.margin).toBeCloseTo(decision.candidates[0].confidence - decision.candidates[1].confidence, 6);
    expect(question?.userId).toBeUndefined();
  });

  it('a 👎 carries the (masked) question it answered, with the user ids; delete my data removes it', async () => {
    const ports = await play([
      { kind: 'message', text: 'Who can apply to PN?' },
      { kind: 'message', value: { action: 'feedback', id: 'pn.eligibility', vote: 'down' } },
    ]);
    const vote = ports.stored.find((record) => record.kind === 'feedback');
    expect(vote).toMatchObject({ entryId: 'pn.eligibility', vote: 'down', userId: 'u1', question: 'Who can apply to PN?' });
    await ports.deleteUserData(who);
    expect(ports.stored.filter((record) => record.kind === 'feedback')).toEqual([]);
  });

  it('a vote on another entry than the last answer carries no question', async () => {
    const ports = await play([
      { kind: 'message', text: 'Who can apply to PN?' },
      { kind: 'message', value: { action: 'feedback', id: 'pn.scholarship', vote: 'down' } },
    ]);
    expect(ports.stored.find((record) => record.kind === 'feedback')?.question).toBeUndefined();
  });
});
