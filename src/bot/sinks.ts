/**
 * Where the bot reports what staff need to see later: feedback on answers,
 * questions it could not answer, and requests for a person. The logging sinks
 * here are the default until the append-only record store is plugged in.
 */
import type { Logger } from 'pino';
import type { Lang } from '../core/knowledge/types';

export interface ConversationRef {
  channelId: string;
  conversationId: string;
  userId: string;
}

export interface FeedbackRecord extends ConversationRef {
  entryId: string;
  vote: 'up' | 'down';
  lang: Lang;
}

export interface UnansweredRecord extends ConversationRef {
  text: string;
  lang: Lang;
  confidence: number;
  candidates: string[];
}

/** Every question the knowledge base decided on, for the staff report. */
export interface QuestionRecord {
  text: string;
  lang: Lang;
  decision: 'answer' | 'suggest' | 'fallback';
  entryId: string | null;
  confidence: number;
}

export interface HandoverRequest extends ConversationRef {
  lang: Lang;
  /** What led to the request: the command, a button, or a knowledge entry with `action: handoff`. */
  reason: string;
  /** The user's last questions in this conversation. */
  recentQuestions: string[];
}

export interface FeedbackSink {
  feedback(record: FeedbackRecord): Promise<void>;
}

export interface UnansweredSink {
  unanswered(record: UnansweredRecord): Promise<void>;
}

export interface HandoverSink {
  handover(request: HandoverRequest): Promise<void>;
}

export interface QuestionSink {
  question(record: QuestionRecord): Promise<void>;
}

export type RecordSinks = FeedbackSink & UnansweredSink & HandoverSink & QuestionSink;

export function loggingSinks(logger: Logger): RecordSinks {
  return {
    async feedback(record) {
      logger.info({ record }, 'feedback');
    },
    async unanswered(record) {
      logger.info({ record }, 'unanswered question');
    },
    async handover(request) {
      logger.warn({ request }, 'user asked for a person');
    },
    async question(record) {
      logger.debug({ record }, 'question');
    },
  };
}
