/** Every transcript through the conversation engine directly: runTurn over memory state and records. */
import path from 'node:path';
import { loadContentBundle, engineContent, type ContentBundle } from '../../src/core/content/bundle';
import { planLabels } from '../../src/core/conversation/labels';
import { EngineStateRepo, runTurn, type ConversationRef } from '../../src/core/engine';
import { MemoryStateStore } from '../../src/core/state';
import { memoryPorts } from '../helpers/memory-ports';
import { checkTurn, loadTranscripts, TEST_REFERENCE, type Transcript } from './transcript';

const ROOT = path.resolve(__dirname, '../..');
let content: ContentBundle;
beforeAll(async () => {
  content = await loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
});

async function run(transcript: Transcript): Promise<void> {
  const who: ConversationRef = { channelId: 'test', conversationId: 'conversation-1', userId: 'user-1' };
  const repo = new EngineStateRepo(new MemoryStateStore());
  const records = memoryPorts();
  // As in the app: deleting a user's data removes their records and every state kept for them.
  const ports = { ...records, deleteUserData: async (user: ConversationRef) => (await repo.deleteAll(user), records.deleteUserData(user)) };
  for (const [index, turn] of transcript.turns.entries()) {
    const before = records.stored.length;
    const env = { who, locale: transcript.locale, now: new Date(), newReference: () => TEST_REFERENCE };
    const input = turn.click ? { kind: 'message' as const, value: turn.click } : { kind: 'message' as const, text: turn.say ?? '' };
    const applied = await runTurn(input, env, engineContent(content), { state: repo, ports, options: { maxMessageLength: 2000 } });
    // Records this turn stored (a deletion may have removed earlier ones).
    const written = records.stored.slice(Math.min(before, records.stored.length));
    checkTurn(turn, index, {
      replies: applied.replies.map(planLabels),
      buttons: applied.replies.flatMap((reply) => reply.buttons.flatMap((b) => ('value' in b ? [b.value] : []))),
      records: written,
    });
  }
}

describe.each(loadTranscripts().map((t) => [`${t.file}: ${t.name}`, t] as const))('%s', (_name, transcript) => {
  it('goes as written, through the engine', () => run(transcript));
});
