/**
 * What staff can change in the content, as data: a change is a list of edits, checked and
 * published together (all or nothing). The console, the JSON API and the inbox's batch
 * actions all build these; only content-service.ts turns them into YAML.
 */
export type Lang = 'vi' | 'en';

export interface Bilingual {
  vi: string;
  en: string;
}

export interface EntryLink {
  title: Bilingual;
  url: string;
}

/**
 * The fields of an entry staff edit. Every field is optional: only the ones given are
 * written. `reviewed` and `validUntil` are dates like 2026-01-31; null removes them.
 */
export interface EntryFields {
  question?: Bilingual;
  alternates?: { vi: string[]; en: string[] };
  answer?: Bilingual;
  followUps?: string[];
  links?: EntryLink[];
  sources?: string[];
  reviewed?: string | null;
  validUntil?: string | null;
}

export const ENTRY_FIELDS = ['question', 'alternates', 'answer', 'followUps', 'links', 'sources', 'reviewed', 'validUntil'] as const;

export type ContentEdit =
  /** One more way students ask an entry's question (an inbox question accepted as an alternate). */
  | { kind: 'addAlternate'; entryId: string; lang: Lang; text: string }
  /** A question the bot must not answer, into knowledge/offtopic.yaml. */
  | { kind: 'addOffTopic'; lang: Lang; text: string }
  /** New values for some of an entry's fields. */
  | { kind: 'editEntry'; entryId: string; fields: EntryFields };

export interface ContentChange {
  edits: ContentEdit[];
  /** A short note for the history ("alternate from the inbox"); never a student's name. */
  note?: string;
}

/** The entries a change touches, in order, without repeats. */
export function entriesTouched(change: ContentChange): string[] {
  const ids: string[] = [];
  for (const edit of change.edits) if (edit.kind !== 'addOffTopic' && !ids.includes(edit.entryId)) ids.push(edit.entryId);
  return ids;
}
