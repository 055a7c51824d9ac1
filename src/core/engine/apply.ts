/**
 * Carries out a decided turn: the best-effort records first (the question log, off the
 * reply's path when the store can; a failure is logged and the student still gets the
 * answer), then the commit that must
 * succeed before the replies are sent (a lead on disk before "saved, your reference
 * is ..."; a deletion before "deleted"). When the commit fails, the turn's `failed`
 * replies and state are used instead. Staff are notified of a stored record once the
 * replies are sent (`afterReplies`).
 */
import type { ReplyPlan } from '../conversation/plan';
import type { RecordData, RecordKind, StoredRecord } from '../records';
import type { ConversationRef, EngineState, TurnResult } from './types';

/** pino-compatible: a pino Logger can be passed as is. */
export interface EngineLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface TurnPorts {
  append(kind: RecordKind, data: RecordData): Promise<StoredRecord>;
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
  /** To run once the replies are sent (telling staff must not hold up the student's confirmation). */
  afterReplies?: () => Promise<void>;
}

export async function applyTurn(result: TurnResult, who: ConversationRef, ports: TurnPorts): Promise<AppliedTurn> {
  for (const record of result.records) {
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
  let stored: StoredRecord;
  try {
    stored = await ports.append(commit.record.kind, commit.record.data);
  } catch (error) {
    ports.logger.error({ err: error, kind: commit.record.kind }, 'could not store a record the user is told about');
    return commit.failed;
  }
  const { notifyStaff } = ports;
  const flow = commit.notifyStaff?.flow;
  if (flow && notifyStaff) return { replies: result.replies, state: result.state, afterReplies: () => notifyStaff(stored, flow) };
  return { replies: result.replies, state: result.state };
}
