/**
 * npm run kb:check [-- --strict] [--lang vi|en] [--today 2026-12-03]
 * The staff's safety net over knowledge/*.yaml, the lexicon and dialogs/*.yaml:
 * - errors (exit 1): YAML and schema problems, duplicate ids, follow-ups and dialog
 *   offers that point nowhere, every dialog problem;
 * - warnings: phrasings not answered by their own entry (errors with --strict),
 *   near-duplicate questions, alternates much scarcer in one language, answers past
 *   `validUntil` or not `reviewed` for 12 months, a passed date still spoken of as coming,
 *   `validUntil` after a date still to come, phrases that open or close many answers;
 * - for developers, each entry's confusable neighbours: the entries its own alternates get
 *   when each is held out and asked of the others (5-fold cross-validation, about five
 *   trainings; kept in CONTENT_CACHE_DIR by the knowledge hash, where the bot's staff console
 *   finds them, and the other way round; --no-neighbours skips it).
 * Dates are compared with --today (default: the real date); warnings never change the exit code.
 * Each finding gives severity, file:line and a plain message; a summary ends the output.
 * Language: --lang, else the LANG / LC_ALL locale, else English.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkContent, chooseStaffLang, countFindings, formatFinding, staffTranslator, summaryLine, type CheckReport, type StaffT } from '../core/knowledge/checks';
import { NeighbourCache, neighboursHere } from '../core/knowledge/neighbours';
import { artefactStoreFromEnv } from '../core/storage/artefacts';
import { knowledgeDirFromEnv } from './paths';
import { runMain } from './run-main';

/** The whole command: reads its arguments and the environment, prints, returns the exit code (tests call it in-process). */
export async function main(args = process.argv.slice(2)): Promise<number> {
  let values: { strict?: boolean; lang?: string; today?: string; 'no-neighbours'?: boolean };
  let t: StaffT;
  let now = new Date();
  try {
    ({ values } = parseArgs({ args, options: { strict: { type: 'boolean', default: false }, lang: { type: 'string' }, today: { type: 'string' }, 'no-neighbours': { type: 'boolean', default: false } } }));
    t = staffTranslator(chooseStaffLang(values.lang));
    if (values.today !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today) || Number.isNaN(Date.parse(`${values.today}T00:00:00Z`))) throw new Error(t('check.badToday', { value: values.today }));
      now = new Date(`${values.today}T00:00:00Z`);
    }
  } catch (error) {
    console.error((error as Error).message);
    console.error(staffTranslator('en')('check.usage'));
    return 2;
  }
  const knowledgeDir = knowledgeDirFromEnv();
  const dialogsDir = path.resolve(process.env.DIALOGS_DIR ?? 'dialogs');
  const shown = (dir: string) => {
    const relative = path.relative(process.cwd(), dir);
    return relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
  };

  const neighbours = values['no-neighbours'] ? undefined : new NeighbourCache(artefactStoreFromEnv(), neighboursHere);
  const report = await checkContent({ knowledgeDir, dialogsDir, strict: values.strict, now, neighbours });
  console.log(report.loaded ? t('check.loaded', { entries: report.entries, dir: shown(knowledgeDir) }) : t('check.notLoaded', { dir: shown(knowledgeDir) }));
  console.log(report.dialogsChecked ? t('check.dialogs', { dir: shown(dialogsDir) }) : t('check.noDialogs', { dir: shown(dialogsDir) }));
  if (values.strict) console.log(t('check.strictNote'));
  console.log('');
  for (const finding of report.findings) console.log(formatFinding(finding, t));
  const counts = countFindings(report.findings);
  if (report.findings.length > 0) console.log('');
  if (report.neighbours) printNeighbours(report.neighbours, t);
  if (counts.errors > 0) console.log(t('check.errorsHint'));
  if (counts.warnings > 0) console.log(t('check.warningsHint'));
  if (report.findings.length === 0) console.log(t('check.allGood'));
  console.log(summaryLine(report.entries, counts, t));
  return counts.errors > 0 ? 1 : 0;
}

/** Each entry whose phrasings go to others, where it is written, with the others and how many of its phrasings. */
function printNeighbours(neighbours: NonNullable<CheckReport['neighbours']>, t: StaffT): void {
  if (neighbours.length === 0) {
    console.log(t('check.noNeighbours'));
  } else {
    console.log(t('check.neighboursHeading'));
    for (const entry of neighbours) {
      const others = entry.neighbours.map((neighbour) => t('check.neighbour', { id: neighbour.id, count: neighbour.phrasings, total: neighbour.of })).join(', ');
      console.log(`${entry.file}:${entry.line}  ${t('check.neighbours', { id: entry.entryId, others })}`);
    }
  }
  console.log('');
}

if (require.main === module) runMain(main);
