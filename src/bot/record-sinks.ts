/**
 * The bot's sinks backed by the append-only record store: every question decided
 * (for the staff report), unanswered questions, feedback and hand-over requests.
 * Personal data in free text is masked before it is written. The question log and the
 * unanswered questions are best effort and off the reply's path: the store writes them
 * within a batch or two, and a failure is logged (the student still gets the answer).
 * Feedback is something the student gave us, so its failure reaches the bot, which says so.
 */
import type { Logger } from 'pino';
import { maskPersonalData } from '../core/records/mask';
import type { RecordData, RecordKind, RecordStore } from '../core/records';
import type { RecordSinks } from './sinks';

export function storeSinks(store: RecordStore, logger: Logger): RecordSinks {
  // The record itself stays out of the log: it may hold personal data.
  const logFailure = (kind: RecordKind) => (error: unknown) => logger.error({ err: error, kind }, 'could not store a record');
  const append = async (kind: RecordKind, record: RecordData) => {
    try {
      await store.append(kind, record);
    } catch (error) {
      logFailure(kind)(error);
    }
  };
  return {
    async question(record) {
      // No user id: the question log stays unlinkable to a person.
      const { text, lang, decision, entryId, confidence } = record;
      store.appendBestEffort('question', { text: maskPersonalData(text), lang, decision, entryId, confidence }, logFailure('question'));
    },
    async unanswered(record) {
      store.appendBestEffort('unanswered', { ...record, text: maskPersonalData(record.text), decision: 'fallback' }, logFailure('unanswered'));
    },
    async feedback(record) {
      await store.append('feedback', { ...record });
    },
    async handover(request) {
      await append('handoff', { ...request });
    },
  };
}
