/**
 * The conversation engine's inputs and outputs: (state, input, content) ->
 * (replies, new state, records to write). Plain data, no framework: src/bot turns an
 * activity into an EngineInput and the ReplyPlans into activities, and keeps the
 * state through src/core/state's StateStore.
 */
import type { Audience } from '../language/audience';
import type { ReplyPlan } from '../conversation/plan';
import type { Answers } from '../flows';
import type { Lang } from '../knowledge/types';
import type { RecordData, RecordKind } from '../records';
import type { BotControls } from './controls-schema';

/** Who is talking, where: the keys records and state are filed under. */
export interface ConversationRef {
  channelId: string;
  conversationId: string;
  userId: string;
}

/** A guided flow in progress. Answers are kept by step id, so an edited flow file resumes sensibly. */
export interface ActiveFlow {
  id: string;
  /**
   * This run of the flow: chosen when it starts, it is the reference its record gets and,
   * with the conversation, the record's idempotency key. A confirmation repeated (after a
   * failed state write, or on a second instance) finds the record and shows the same reference.
   */
  run?: string;
  answers: Answers;
  /** The step whose question was asked last. */
  stepId?: string;
  /** Refused answers to that step so far. */
  attempts: number;
  /** The user's last questions, kept with a hand-over request. */
  recentQuestions?: string[];
}

/** What the bot remembers of one conversation. */
export interface ConversationState {
  /** Counts the user's turns, so remembered context can expire. */
  turn: number;
  flow?: ActiveFlow;
  /** The last questions asked (masked later), sent with a hand-over. */
  recentQuestions: string[];
  /** The entry answered last: the context of an elliptical follow-up. */
  lastAnswer?: {
    entryId: string;
    area: string;
    turn: number;
    /** The typed question it answered (masked): stored with a 👎 on it, for the staff inbox. */
    question?: string;
  };
  /** "Delete my data?" was asked and awaits yes or no. */
  confirmingDelete?: boolean;
  /** Set once a message reads as a parent's (language/audience.ts): kept for the conversation. */
  audience?: Audience;
  /** The welcome was shown: a second "joined" (Messenger's Get Started after a conversation update) says nothing. */
  welcomed?: boolean;
}

/** What the bot remembers of one user, across their conversations. */
export interface UserState {
  /** Reply language when a message does not tell: set by a language command or a sure detection. */
  lang?: Lang;
  /** Answers of `remember` steps, kept only after a record was saved with consent. */
  remembered?: Answers;
  /** The hand-over request with staff, so a second one is not sent. */
  openHandover?: { reference: string; at: string };
}

export interface EngineState {
  conversation: ConversationState;
  user: UserState;
}

export const emptyState = (): EngineState => ({ conversation: { turn: 0, recentQuestions: [] }, user: {} });

export type EngineInput =
  /** The user joined the conversation. */
  | { kind: 'join' }
  | {
      kind: 'message';
      /** Typed text (mentions removed). */
      text?: string;
      /** What a clicked button carries (`activity.value`), untrusted. */
      value?: unknown;
      hasAttachments?: boolean;
      /** The channel tells no "joined" (Messenger): the conversation's first message gets the welcome too. */
      welcomeIfNew?: boolean;
    };

/** What a turn knows besides the state: who, the channel's locale, the clock, references. */
export interface TurnEnv {
  who: ConversationRef;
  /** `activity.locale`, e.g. "vi-VN". */
  locale?: string;
  now: Date;
  newReference: () => string;
  /** The channel's id of the incoming activity: a retried turn keeps the records it stores once. */
  activityId?: string;
}

import type { EngineContent as BundleContent } from '../content/bundle';

/** The content a turn decides with (a reload swaps it between turns), and the staff's controls. */
export type EngineContent = BundleContent & {
  /** What staff switched off, hand-over only, office hours; absent = everything on. */
  controls?: BotControls;
};

export interface EngineOptions {
  /** Longer messages are cut to this many characters before matching, and the user is told. */
  maxMessageLength: number;
  /** For how many turns the last answer is context for a follow-up. */
  contextTurns?: number;
  /** A hand-over request counts as open with staff for this long. */
  handoverOpenHours?: number;
}

export interface RecordToWrite {
  kind: RecordKind;
  data: RecordData;
}

/** What must happen before the replies are sent; if it fails, the `failed` replies and state are used. */
export type Commit =
  | {
      kind: 'append';
      record: RecordToWrite;
      /** Stored at most once under this key (see RecordStore.appendOnce). */
      key?: string;
      /** Tell staff about the stored record (outcome with `notify`). */
      notifyStaff?: { flow: string };
      failed: { replies: ReplyPlan[]; state: EngineState };
    }
  | {
      kind: 'deleteUserData';
      /** The replies once `removed` records are gone. */
      done: (removed: number) => ReplyPlan[];
      failed: { replies: ReplyPlan[]; state: EngineState };
    };

export interface TurnResult {
  replies: ReplyPlan[];
  state: EngineState;
  /** Best-effort records (the question log, unanswered questions): a failure is logged, not told. */
  records: RecordToWrite[];
  commit?: Commit;
}
