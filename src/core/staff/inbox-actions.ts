/**
 * What staff decide for inbox questions, as content changes: accept them as alternates of
 * an entry, or as off-topic examples (knowledge/offtopic.yaml). The edits have the shape
 * the content service publishes (issue 19b, content-change.ts); one change carries every
 * question chosen, so a batch is published, or refused, as a whole.
 */
import { z } from 'zod';
import type { ContentChange, ContentEdit } from './content-change';

/** The longest question text accepted as a phrasing (the bot cuts messages at 2,000). */
export const MAX_PHRASING_LENGTH = 500;
export const MAX_BATCH = 200;

export const inboxActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('alternate'),
    entryId: z.string().min(1).max(200),
    questions: z.array(z.object({ text: z.string().trim().min(1).max(MAX_PHRASING_LENGTH), lang: z.enum(['vi', 'en']) })).min(1).max(MAX_BATCH),
  }),
  z.object({
    kind: z.literal('offTopic'),
    questions: z.array(z.object({ text: z.string().trim().min(1).max(MAX_PHRASING_LENGTH), lang: z.enum(['vi', 'en']) })).min(1).max(MAX_BATCH),
  }),
]);
export type InboxAction = z.infer<typeof inboxActionSchema>;

/** An inbox change is a content change (content-change.ts) of alternates or off-topic examples only. */
export type InboxEdit = Extract<ContentEdit, { kind: 'addAlternate' | 'addOffTopic' }>;
export interface InboxChange extends ContentChange {
  edits: InboxEdit[];
}

/** The change an action makes; the same question twice is added once. */
export function changeFor(action: InboxAction): InboxChange {
  const seen = new Set<string>();
  const questions = action.questions.filter((question) => {
    const key = `${question.lang}|${question.text.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (action.kind === 'alternate') {
    return { edits: questions.map((question) => ({ kind: 'addAlternate', entryId: action.entryId, lang: question.lang, text: question.text })), note: 'inbox: alternate' };
  }
  return { edits: questions.map((question) => ({ kind: 'addOffTopic', lang: question.lang, text: question.text })), note: 'inbox: off-topic' };
}
