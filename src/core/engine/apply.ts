/**
 * Carries out a decided turn, in two parts (run-turn.ts orders them around the state
 * write):
 * - `commitTurn`: what must succeed before the replies are sent (a lead stored before
 *   "saved, your reference is ..."; a deletion before "deleted"). When it fails, the
 *   turn's `failed` replies and state are used instead. A keyed record is stored at most
 *   once, so a turn re-run after a state conflict, or the same confirmation on another
 *   instance, shows the record already stored. Staff hear of a record once, from the
 *   turn that created it, after the replies are sent (`afterReplies`).
 * - `writeRecords`: the best-effort records (the question log), once the state is saved,
 *   so a re-run turn logs its question once. Off the reply's path when the store can; a
 *   failure is logged and the student still gets the answer.
 */
import type { ReplyPlan } from '../conversation/plan';
import type { OnceResult, RecordData, RecordKind, StoredRecord } from '../records';
import type { ConversationRef, EngineState, RecordToWrite, TurnResult } from './types';

/** pino-compatible: a pino Logger can be passed as is. */
export interface EngineLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface TurnPorts {
  append(kind: RecordKind, data: RecordData): Promise<StoredRecord>;
  /** Stores the record unless one of this key is stored already (RecordStore.appendOnce). */
  appendOnce(kind: RecordKind, data: RecordData, key: string): Promise<OnceResult>;
  /** Stores a record without making the reply wait (the question log); failures go to `onError`. */
  appendBestEffort?(kind: RecordKind, data: RecordData, onError: (error: unknown) => void): void;
  /** Removes every record and stored state of the user; resolves with the number of records removed. */
  deleteUserData(who: ConversationRef): Promise<number>;
  /** Tells staff about a stored record; never rejects. */
  notifyStaff?(record: StoredRecord, flowId: string): Promise<void>;
  logger: EngineLogger;
}

export interface AppliedTurn {
  replies: ReplyPlan[];
  state: EngineState;
  /** The user's data was deleted: nothing of the user is stored again, not even this state. */
  deleted?: boolean;
  /** A record the user is told about is stored (by this turn or an earlier attempt of it). */
  committed?: boolean;
  /** To run once the replies are sent (telling staff must not hold up the student's confirmation). */
  afterReplies?: () => Promise<void>;
}

export async function commitTurn(result: TurnResult, who: ConversationRef, ports: TurnPorts): Promise<AppliedTurn> {
  const { commit } = result;
  if (!commit) return { replies: result.replies, state: result.state };
  if (commit.kind === 'deleteUserData') {
    try {
      const removed = await ports.deleteUserData(who);
      return { replies: [...result.replies, ...commit.done(removed)], state: result.state, deleted: true };
    } catch (error) {
      ports.logger.error({ err: error }, "deleting a user's data failed");
      return commit.failed;
    }
  }
  let stored: OnceResult;
  try {
    const { kind, data } = commit.record;
    stored = commit.key === undefined ? { record: await ports.append(kind, data), created: true } : await ports.appendOnce(kind, data, commit.key);
  } catch (error) {
    ports.logger.error({ err: error, kind: commit.record.kind }, 'could not store a record the user is told about');
    return commit.failed;
  }
  const { notifyStaff } = ports;
  const flow = commit.notifyStaff?.flow;
  const applied: AppliedTurn = { replies: result.replies, state: result.state, committed: true };
  if (flow && notifyStaff && stored.created) applied.afterReplies = () => notifyStaff(stored.record, flow);
  return applied;
}

export async function writeRecords(records: readonly RecordToWrite[], ports: TurnPorts): Promise<void> {
  for (const record of records) {
    // The record itself stays out of the log: it may hold personal data.
    const logFailure = (error: unknown) => ports.logger.error({ err: error, kind: record.kind }, 'could not store a record');
    if (ports.appendBestEffort) {
      ports.appendBestEffort(record.kind, record.data, logFailure);
      continue;
    }
    try {
      await ports.append(record.kind, record.data);
    } catch (error) {
      logFailure(error);
    }
  }
}
