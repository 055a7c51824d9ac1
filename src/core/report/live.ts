/**
 * The report of `npm run report` from a record store and the knowledge base in one call:
 * the CLI writes it to a file, the staff console serves it live (src/server/staff/report-routes.ts).
 */
import type { StaffT } from '../knowledge/checks';
import type { KnowledgeAnswerer } from '../knowledge/load-answerer';
import type { Lang } from '../knowledge/types';
import { EMPTY_LEXICON } from '../language/lexicon';
import type { RecordKind, RecordStore, StoredRecord } from '../records';
import { buildReport, type ReportData } from './aggregate';
import { termWeigher } from './cluster';
import { renderReportHtml } from './html';
import type { ReportRecords } from './records';

/** The records a report reads, appended at or after `since`. */
export async function readReportRecords(store: Pick<RecordStore, 'read'>, since?: Date): Promise<ReportRecords> {
  const read = async (kind: RecordKind) => {
    const records: StoredRecord[] = [];
    for await (const record of store.read(kind, since ? { since } : undefined)) records.push(record);
    return records;
  };
  const [question, unanswered, feedback, lead, handoff] = await Promise.all(['question', 'unanswered', 'feedback', 'lead', 'handoff'].map((kind) => read(kind as RecordKind)));
  return { question, unanswered, feedback, lead, handoff };
}

export interface ReportPageOptions {
  lang: Lang;
  t: StaffT;
  now: Date;
  timeZone: string;
  /** YYYY-MM-DD, as given. */
  since?: string;
  /** The knowledge base to name entries and find the nearest ones; the report still works without it. */
  answerer?: KnowledgeAnswerer;
}

export function reportData(records: ReportRecords, options: ReportPageOptions): ReportData {
  const { answerer } = options;
  return buildReport(records, {
    now: options.now,
    timeZone: options.timeZone,
    since: options.since,
    nearest: answerer && ((text) => answerer.decide(text).candidates[0]),
    cluster: { termsOf: termWeigher(answerer?.content.lexicon ?? EMPTY_LEXICON, answerer && ((term) => answerer.index.weightOf(term))) },
  });
}

/** The whole self-contained report page. */
export function reportPage(records: ReportRecords, options: ReportPageOptions): string {
  const { answerer, lang } = options;
  return renderReportHtml(reportData(records, options), { lang, t: options.t, entryQuestion: (id) => answerer?.entry(id)?.question[lang], closeEnough: answerer?.thresholds.suggest });
}
