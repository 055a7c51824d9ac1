/**
 * What `npm run kb:check` reports: a finding is a severity, a place in a staff-edited
 * file and a message key with its values. The words live in locales/kbcheck/, so the
 * same finding reads in Vietnamese or English.
 */

export type Severity = 'error' | 'warning';

/** Every kind of finding; each has a message `check.<code>` in locales/kbcheck/. */
export const FINDING_CODES = [
  /** The knowledge folder does not exist or cannot be read. */
  'noFolder',
  /** A YAML syntax error: the first of its file, explained by kind (checks/syntax.ts); shown before every other finding. */
  'syntax',
  /** The knowledge base or lexicon does not load (schema, ids, follow-ups). */
  'load',
  /** A dialogs/*.yaml problem, from the flow checker. */
  'flow',
  /** An entry's `flow:` names a guided flow that does not exist. */
  'unknownFlow',
  /** An entry's own phrasing is answered by another entry, only offered as "did you mean", or not found. */
  'selfTestOther',
  'selfTestSuggest',
  'selfTestNone',
  /** Two entries whose questions match each other about as well as their own. */
  'nearDuplicate',
  /** Far fewer alternates in one language than in the other. */
  'parity',
  /** `validUntil` has passed. */
  'expired',
  /** `reviewed` is older than the allowed age. */
  'stale',
  /** An entry without `sources` (rows of the facts sheet), or without a `reviewed` date. */
  'noSources',
  'notReviewed',
  /** A source that is not a row of knowledge/sources.yaml. */
  'unknownSource',
  /** A link to a site that none of the entry's sources cites. */
  'linkSource',
  /** A link in answer Markdown that is not https, mailto or tel (javascript:, data:, no scheme). */
  'unsafeLink',
  /** An answer names a date that has passed and still speaks of it as coming ("sẽ", "will"). */
  'pastAsComing',
  /** `validUntil` is later than the first date the answer speaks of as coming. */
  'validAfterComing',
  /** The same words open, or close, more than a few answers. */
  'stockOpening',
  'stockClosing',
  /** An entry, or a flow question's choice, without `short: { vi, en }` for Messenger's buttons. */
  'noShortTitle',
  'noChoiceShortTitle',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export type FindingParams = Record<string, string | number>;

export interface Finding {
  severity: Severity;
  code: FindingCode;
  file: string;
  line: number;
  column?: number;
  params: FindingParams;
}

/** Where a value of an entry is written: `path` is inside the entry, e.g. ['alternates', 'en', 2]. */
export type Locator = (entryId: string, path: ReadonlyArray<string | number>) => { file: string; line: number };
