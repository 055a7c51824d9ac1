import type { RecordKind } from './types';

/** The local store's file of each kind, in its data folder. */
export const RECORD_FILES: Record<RecordKind, string> = {
  lead: 'leads.jsonl',
  handoff: 'handoffs.jsonl',
  feedback: 'feedback.jsonl',
  unanswered: 'unanswered.jsonl',
  question: 'questions.jsonl',
  leadStatus: 'lead-status.jsonl',
  audit: 'staff-audit.jsonl',
  dataDeletion: 'data-deletion-requests.jsonl',
};
