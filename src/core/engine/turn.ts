/**
 * One turn being decided: the state as it changes, the replies so far, and the
 * records to write. The engine's steps (commands, flows, the knowledge base) all
 * work on a Turn, so the FAQ turn and the flows share one state and one voice.
 */
import { areaListReply } from '../conversation/menus';
import type { ReplyPlan, Text } from '../conversation/plan';
import type { Lang } from '../knowledge/types';
import type { Commit, EngineContent, EngineOptions, EngineState, RecordToWrite, TurnEnv, TurnResult } from './types';
import { copyState } from './copy-state';

export const DEFAULT_CONTEXT_TURNS = 3;
export const DEFAULT_HANDOVER_OPEN_HOURS = 72;

export class Turn {
  readonly replies: ReplyPlan[] = [];
  readonly records: RecordToWrite[] = [];
  commit?: Commit;
  state: EngineState;
  lang: Lang = 'vi';

  constructor(
    state: EngineState,
    readonly content: EngineContent,
    readonly env: TurnEnv,
    readonly options: EngineOptions,
  ) {
    // Copies: the caller's state is never changed, so a failed commit can fall back to it.
    this.state = copyState(state);
  }

  get conversation() {
    return this.state.conversation;
  }

  get user() {
    return this.state.user;
  }

  say(reply: ReplyPlan): void {
    this.replies.push(reply);
  }

  /** The list of topics with a lead-in. */
  sayAreas(lead?: Text): void {
    this.say(areaListReply(this.lang, lead));
  }

  write(record: RecordToWrite): void {
    this.records.push(record);
  }

  result(): TurnResult {
    return { replies: this.replies, state: this.state, records: this.records, ...(this.commit ? { commit: this.commit } : {}) };
  }
}
