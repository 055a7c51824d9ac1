/**
 * The records the staff report reads, as the bot writes them into the record store
 * (data/<kind>.jsonl; the store adds `id`, `kind` and `at`). Extra fields are allowed and
 * ignored, so the bot may add context (channelId, conversationId, userId) freely.
 *
 * kind "question" - one per question the bot decided on, whatever the decision:
 *   { text, lang, decision, entryId, confidence }
 *   text        the question, personal data masked (maskPersonalData in core/records/mask)
 *   lang        'vi' | 'en': the reply language
 *   decision    'answer' | 'suggest' (did you mean) | 'fallback'
 *   entryId     the answered entry when decision is 'answer', else null
 *   confidence  confidence of the top candidate, 0..1
 *
 * kind "unanswered" - one per fallback (the list of what to write next):
 *   { text, lang, decision: 'fallback', candidates, confidence }
 *   candidates  entry ids the matcher ranked, best first (may be empty)
 *   decision    optional, read as 'fallback' when absent
 *
 * kind "feedback" - one per 👍/👎 click:
 *   { entryId, vote: 'up' | 'down', comment? }
 *
 * kind "lead" / "handoff" - written by the guided flows (src/bot/dialogs/outcome.ts):
 *   { reference, flow, outcome, lang, answers: {...}, recentQuestions?, channelId, conversationId, userId }
 *   read only by the CSV export, which flattens every field.
 */
import { z } from 'zod';
import type { StoredRecord } from '../records/types';

const lang = z.enum(['vi', 'en']);
const decision = z.enum(['answer', 'suggest', 'fallback']);
const confidence = z.number().min(0).max(1);
const stored = { id: z.string(), at: z.string().refine((at) => !Number.isNaN(Date.parse(at)), 'not a time') };

export const questionRecordSchema = z.looseObject({
  ...stored,
  text: z.string(),
  lang,
  decision,
  entryId: z.string().nullable().optional().transform((id) => id ?? null),
  confidence,
});

export const unansweredRecordSchema = z.looseObject({
  ...stored,
  text: z.string(),
  lang,
  decision: z.literal('fallback').optional().default('fallback'),
  candidates: z.array(z.string()).optional().default([]),
  confidence: confidence.optional().default(0),
});

export const feedbackRecordSchema = z.looseObject({
  ...stored,
  entryId: z.string(),
  vote: z.enum(['up', 'down']),
  comment: z.string().optional(),
});

export type Decision = z.output<typeof decision>;
export type QuestionRecord = z.output<typeof questionRecordSchema>;
export type UnansweredRecord = z.output<typeof unansweredRecordSchema>;
export type FeedbackRecord = z.output<typeof feedbackRecordSchema>;

/** The records of one report, already read from the store. */
export interface ReportRecords {
  question: StoredRecord[];
  unanswered: StoredRecord[];
  feedback: StoredRecord[];
  lead: StoredRecord[];
  handoff: StoredRecord[];
}

/** Keeps the records that have the documented shape; counts the others. */
export function parseRecords<S extends z.ZodType>(records: StoredRecord[], schema: S): { valid: z.output<S>[]; invalid: number } {
  const valid: z.output<S>[] = [];
  let invalid = 0;
  for (const record of records) {
    const result = schema.safeParse(record);
    if (result.success) valid.push(result.data);
    else invalid += 1;
  }
  return { valid, invalid };
}
