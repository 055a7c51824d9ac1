/**
 * npm run report -- [--since 2026-01-01] [--out report.html] [--format html|csv] [--data DIR] [--lang vi|en] [--tz Asia/Ho_Chi_Minh]
 * Reads the record store the bot writes (RECORDS_STORAGE / STORAGE, BLOB_* and DATA_DIR,
 * as the bot reads them; --data DIR reads JSONL files there instead) and writes:
 * - html (default): one self-contained page for staff (questions per day by decision,
 *   languages, top entries with 👍/👎, unanswered questions grouped into "what to write
 *   next"), to --out or report.html;
 * - csv: leads and hand-overs, one row per record with a `kind` column, to --out or stdout.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chooseStaffLang, staffTranslator, type StaffT } from '../core/knowledge/checks';
import { loadAnswerer, type KnowledgeAnswerer } from '../core/knowledge/load-answerer';
import { readReportRecords, recordsToCsv, reportPage, startOfDay, REPORT_TIME_ZONE } from '../core/report';
import { knowledgeDirFromEnv, recordStoreFromEnv } from './paths';
import { writePrivateFile } from './private-file';
import { runMain } from './run-main';

const options = {
  since: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string', default: 'html' },
  data: { type: 'string' },
  lang: { type: 'string' },
  tz: { type: 'string', default: REPORT_TIME_ZONE },
} as const;

/** The whole command: reads its arguments and the environment, prints, returns the exit code (tests call it in-process). */
export async function main(args = process.argv.slice(2)): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
  let t: StaffT;
  try {
    ({ values } = parseArgs({ args, options }));
    t = staffTranslator(chooseStaffLang(values.lang));
  } catch (error) {
    console.error((error as Error).message);
    console.error(staffTranslator('en')('report.usage'));
    return 2;
  }
  const lang = chooseStaffLang(values.lang);
  if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) return usage(t, 'report.badSince');
  if (values.format !== 'html' && values.format !== 'csv') return usage(t, 'report.badFormat');
  const timeZone = values.tz;

  let skipped = 0;
  const store = recordStoreFromEnv(values.data, { onSkippedLine: () => (skipped += 1) });
  const since = values.since ? startOfDay(values.since, timeZone) : undefined;
  const records = await readReportRecords(store, since);
  if (Object.values(records).every((list) => list.length === 0)) console.error(t('report.noRecords', { dir: path.dirname(store.location('lead')) }));
  if (skipped > 0) console.error(t('report.invalid', { count: skipped }));

  if (values.format === 'csv') {
    const leadsAndHandoffs = [...records.lead, ...records.handoff].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const csv = recordsToCsv(leadsAndHandoffs);
    if (values.out) {
      // A byte-order mark so spreadsheet programs read the Vietnamese letters as UTF-8.
      await writePrivateFile(values.out, `\uFEFF${csv}`);
      console.error(t('report.csvWritten', { file: path.resolve(values.out), count: leadsAndHandoffs.length }));
    } else {
      process.stdout.write(csv);
    }
    return 0;
  }

  let answerer: KnowledgeAnswerer | undefined;
  try {
    answerer = await loadAnswerer({ knowledgeDir: knowledgeDirFromEnv() });
  } catch {
    console.error(t('report.noKnowledge'));
  }
  const html = reportPage(records, { lang, t, now: new Date(), timeZone, since: values.since, answerer });
  const out = path.resolve(values.out ?? 'report.html');
  await writePrivateFile(out, html);
  console.log(t('report.written', { file: out }));
  return 0;
}

function usage(t: StaffT, key: string): number {
  console.error(t(key));
  console.error(t('report.usage'));
  return 2;
}

if (require.main === module) runMain(main);
