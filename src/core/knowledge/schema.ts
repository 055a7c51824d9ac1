/**
 * The schema of knowledge/*.yaml. Staff write these files, so every rule here has a
 * plain-language message; the loader adds file:line:column.
 */
import { z } from 'zod';
import { shortTitleSchema } from '../yaml/short-title';

const text = z.string().trim().min(1);
const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written like 2026-01-31'));

/** Links open in students' browsers: only https pages, never javascript: or file: addresses. */
function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const bilingual = z.strictObject({ vi: text, en: text });


/**
 * An answer, with an optional wording for a parent asking about their child ("con tôi ...").
 * `parent` is used where the audience changes the wording; either language may be left out.
 */
export const answerSchema = z.strictObject({ vi: text, en: text, parent: z.strictObject({ vi: text.optional(), en: text.optional() }).optional() });
const entryId = z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'must look like "area.topic-name" (lower case, dots and dashes)');

export const entrySchema = z.strictObject({
  id: entryId,
  question: bilingual,
  /** Short title for buttons (Messenger: at most 20 characters); kb:check reports an entry without one. */
  short: shortTitleSchema.optional(),
  alternates: z.strictObject({ vi: z.array(text).min(1), en: z.array(text).min(1) }),
  answer: answerSchema,
  followUps: z.array(entryId).default([]),
  links: z.array(z.strictObject({ title: bilingual, url: z.string().refine(isHttpsUrl, 'must be a full web address starting with https://') })).default([]),
  flow: z.string().regex(/^[a-z0-9-]+$/, 'must be a flow id like "pn-eligibility"').optional(),
  action: z.enum(['handoff', 'menu']).optional(),
  // Staff write `tags: [visa, 2026]`: YAML reads 2026 as a number, which is still a fine tag.
  tags: z.array(z.union([text, z.number()]).transform(String)).default([]),
  reviewed: isoDate.optional(),
  validUntil: isoDate.optional(),
  sources: z.array(z.union([text, z.number()]).transform(String)).default([]),
});

export const knowledgeFileSchema = z.strictObject({
  area: z.string().regex(/^[a-z0-9-]+$/, 'must be a short area name like "pn"'),
  entries: z.array(entrySchema).min(1),
});

export type KnowledgeFile = z.output<typeof knowledgeFileSchema>;

/** knowledge/offtopic.yaml: questions the bot must not answer, by language. */
export const offTopicSchema = z.strictObject({
  vi: z.array(z.string().trim().min(1)).default([]),
  en: z.array(z.string().trim().min(1)).default([]),
});
