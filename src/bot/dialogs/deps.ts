/**
 * What a flow dialog needs from the bot around it: the flows, the user's language,
 * where records go, and optional knowledge-base answers and staff notification.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Answers, FlowSet, Lang } from '../../core/flows';
import type { Answerer } from '../../core/knowledge/types';
import type { RecordStore } from '../../core/records';

/** The part of the matcher flows use: a decision, and entry titles for offer buttons when available. */
export type FlowAnswerer = Pick<Answerer, 'decide'> & Partial<Pick<Answerer, 'entry'>>;

/** pino-compatible: a pino Logger can be passed as is. */
export interface FlowLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface FlowDialogDeps {
  /** Read at every step, so a language switch mid-flow takes effect at once. */
  flows: () => FlowSet;
  userLang: (context: TurnContext) => Promise<Lang>;
  /** Without it, "English"/"tiếng Việt" inside a flow is treated as an ordinary answer. */
  setUserLang?: (context: TurnContext, lang: Lang) => Promise<void>;
  records: RecordStore;
  /** Teams incoming-webhook style URL; staff are notified of records whose outcome says `notify`. */
  notifyUrl?: string;
  notifyTimeoutMs?: number;
  answerer?: FlowAnswerer;
  /** Answers kept across flows (steps with `remember`), written only after a record was saved with consent. */
  rememberedAnswers?: StatePropertyAccessor<Answers>;
  logger: FlowLogger;
  newReference: () => string;
  fetch: typeof fetch;
  /** Language of the staff notification card. */
  staffLang: Lang;
}

/** Options of `FlowRunner.start` and of a flow dialog's beginDialog. */
export interface FlowStartOptions {
  /** Answers already known (validated like typed answers; their steps are skipped). */
  prefill?: Record<string, unknown>;
  /** The user's last questions, kept with a hand-over request. */
  recentQuestions?: string[];
}

/** Confidence above which a question asked mid-flow is answered from the knowledge base. */
export const MID_FLOW_ANSWER_CONFIDENCE = 0.8;
