/**
 * Meta's data deletion requests for a Facebook user (the callback Meta calls when someone
 * removes the app or asks Facebook to delete their data).
 *
 * Meta names the person by their APP-scoped id; Messenger gives the bot PAGE-scoped ids,
 * and matching the two needs Meta's Graph API, which the bot does not call. So a request
 * deletes what it can match (records and state on channel "facebook" under that id, which
 * usually is nothing) and its status says honestly what it could not match and how the
 * person deletes the rest (typing "xóa dữ liệu" / "delete my data" in Messenger).
 *
 * Each request is kept as records in the record store (files locally, Blob in Azure):
 * "received" keyed by the request (so a replay, on any instance, gets the same confirmation
 * code and two instances racing agree: the store writes a key once), then "done" with the
 * counts. Counts and the code only: never the user id.
 */
import { randomBytes } from 'node:crypto';
import type { RecordStore, StoredRecord } from '../records';
import type { VerifiedRequest } from './signed-request';

export const FACEBOOK_CHANNEL = 'facebook';

/** 128 random bits as 32 hex digits. */
export const CONFIRMATION_CODE = /^[0-9a-f]{32}$/;

export function newConfirmationCode(): string {
  return randomBytes(16).toString('hex');
}

export interface DeletionPorts {
  records: Pick<RecordStore, 'appendOnce' | 'read' | 'delete' | 'flush'>;
  /** Deletes a user's stored state on a channel; resolves to how many conversations went. */
  deleteUserState(channelId: string, userId: string): Promise<number>;
  newCode?: () => string;
}

/** Why some of the person's data may remain: the ids Meta and Messenger use differ. */
export type UnmatchedReason = 'pageScopedIds';

export interface DeletionStatus {
  code: string;
  /** When the request arrived (ISO 8601). */
  receivedAt: string;
  /** What was deleted; undefined while the deletion has not finished. */
  done?: { recordsDeleted: number; conversationsDeleted: number };
  unmatched: UnmatchedReason;
}

export interface HandledRequest {
  code: string;
  /** True when this request had been received before (a replay): nothing more was deleted. */
  replay: boolean;
}

export async function handleDeletionRequest(ports: DeletionPorts, request: VerifiedRequest): Promise<HandledRequest> {
  const { records } = ports;
  const received = await records.appendOnce(
    'dataDeletion',
    { event: 'received', code: (ports.newCode ?? newConfirmationCode)(), channel: FACEBOOK_CHANNEL },
    request.requestKey,
  );
  const code = String(received.record.code);
  const doneKey = `${request.requestKey}/done`;
  // A replay of a finished request deletes nothing; one whose first attempt failed half-way finishes it.
  if (!received.created && (await findRecord(records, (record) => record.key === doneKey))) return { code, replay: true };

  // Records still on their way to storage are deleted too.
  await records.flush();
  const results = await records.delete({ user: { userId: request.userId, channelId: FACEBOOK_CHANNEL } });
  const recordsDeleted = results.reduce((sum, result) => sum + result.removed, 0);
  const conversationsDeleted = await ports.deleteUserState(FACEBOOK_CHANNEL, request.userId);
  await records.appendOnce('dataDeletion', { event: 'done', code, recordsDeleted, conversationsDeleted, unmatched: 'pageScopedIds' }, doneKey);
  return { code, replay: !received.created };
}

/** The status behind a confirmation code, or undefined when no request has that code. */
export async function findDeletionStatus(records: Pick<RecordStore, 'read'>, code: string): Promise<DeletionStatus | undefined> {
  if (!CONFIRMATION_CODE.test(code)) return undefined;
  let received: StoredRecord | undefined;
  let done: StoredRecord | undefined;
  for await (const record of records.read('dataDeletion')) {
    if (record.code !== code) continue;
    if (record.event === 'received') received ??= record;
    if (record.event === 'done') done ??= record;
  }
  if (!received) return undefined;
  return {
    code,
    receivedAt: received.at,
    done: done ? { recordsDeleted: count(done.recordsDeleted), conversationsDeleted: count(done.conversationsDeleted) } : undefined,
    unmatched: 'pageScopedIds',
  };
}

async function findRecord(records: Pick<RecordStore, 'read'>, test: (record: StoredRecord) => boolean): Promise<StoredRecord | undefined> {
  for await (const record of records.read('dataDeletion')) if (test(record)) return record;
  return undefined;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0);
