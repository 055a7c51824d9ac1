/** Every transcript through the conversation engine directly: decideTurn, then applyTurn. */
import path from 'node:path';
import { loadContentBundle, engineContent, type ContentBundle } from '../../src/core/content/bundle';
import { planLabels } from '../../src/core/conversation/labels';
import { applyTurn, decideTurn, emptyState, type ConversationRef, type EngineState, type TurnPorts } from '../../src/core/engine';
import type { StoredRecord } from '../../src/core/records';
import { checkTurn, loadTranscripts, TEST_REFERENCE, type Transcript } from './transcript';

const ROOT = path.resolve(__dirname, '../..');
let content: ContentBundle;
beforeAll(async () => {
  content = await loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
});

async function run(transcript: Transcript): Promise<void> {
  const who: ConversationRef = { channelId: 'test', conversationId: 'conversation-1', userId: 'user-1' };
  const stored: StoredRecord[] = [];
  let written: StoredRecord[] = [];
  const ports: TurnPorts = {
    async append(kind, data) {
      const record: StoredRecord = { id: String(stored.length + 1), kind, at: new Date().toISOString(), ...data };
      stored.push(record);
      written.push(record);
      return record;
    },
    async deleteUserData(user) {
      const mine = stored.filter((record) => record.userId === user.userId);
      stored.splice(0, stored.length, ...stored.filter((record) => record.userId !== user.userId));
      return mine.length;
    },
    logger: { warn: () => undefined, error: () => undefined },
  };
  let state: EngineState = emptyState();
  for (const [index, turn] of transcript.turns.entries()) {
    written = [];
    const env = { who, locale: transcript.locale, now: new Date(), newReference: () => TEST_REFERENCE };
    const input = turn.click ? { kind: 'message' as const, value: turn.click } : { kind: 'message' as const, text: turn.say ?? '' };
    const result = decideTurn(state, input, engineContent(content), env, { maxMessageLength: 2000 });
    const applied = await applyTurn(result, who, ports);
    state = applied.deleted ? emptyState() : applied.state;
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
