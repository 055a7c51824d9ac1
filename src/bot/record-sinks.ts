/**
 * The bot's sinks backed by the append-only record store: every question decided
 * (for the staff report), unanswered questions, feedback and hand-over requests.
 * Personal data in free text is masked before it is written. The question log is
 * best effort (a failure is logged and the student still gets the answer); feedback is
 * something the student gave us, so its failure reaches the bot, which says so.
 */
import type { Logger } from 'pino';
import { maskPersonalData } from '../core/records/mask';
import type { RecordData, RecordKind, RecordStore } from '../core/records';
import type { RecordSinks } from './sinks';

export function storeSinks(store: RecordStore, logger: Logger): RecordSinks {
  const append = async (kind: RecordKind, record: RecordData) => {
    try {
      await store.append(kind, record);
    } catch (error) {
      logger.error({ err: error, kind, record }, 'could not store a record');
    }
  };
  return {
    async question(record) {
      // No user id: the question log stays unlinkable to a person.
      await append('question', { text: maskPersonalData(record.text), lang: record.lang, decision: record.decision, entryId: record.entryId, confidence: record.confidence });
    },
    async unanswered(record) {
      await append('unanswered', { ...record, text: maskPersonalData(record.text), decision: 'fallback' });
    },
    async feedback(record) {
      await store.append('feedback', { ...record });
    },
    async handover(request) {
      await append('handoff', { ...request });
    },
  };
}
