/**
 * npm run records:purge -- --older-than 365d [--data DIR] [--dry-run] [--lang vi|en]
 * npm run records:purge -- --user USER_ID | --reference REF [--data DIR] [--dry-run]
 * Retention and deletion of personal data in the record store (--data, else DATA_DIR,
 * else data/): rewrites each JSONL file safely without the records older than the cutoff,
 * or without one person's records, and prints what it removed per kind.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chooseStaffLang, staffTranslator, type StaffT } from '../core/knowledge/checks';
import { cutoffFromAge, purgeRecords, type PurgeOptions } from '../core/records/purge';
import { runMain } from './run-main';

const options = {
  'older-than': { type: 'string' },
  user: { type: 'string' },
  reference: { type: 'string' },
  data: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  lang: { type: 'string' },
} as const;

async function main(): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
  let t: StaffT;
  try {
    ({ values } = parseArgs({ options }));
    t = staffTranslator(chooseStaffLang(values.lang));
  } catch (error) {
    console.error((error as Error).message);
    console.error(staffTranslator('en')('purge.usage'));
    return 2;
  }
  const now = new Date();
  const purge: PurgeOptions = { dataDir: path.resolve(values.data ?? process.env.DATA_DIR ?? 'data'), dryRun: values['dry-run'] };
  if (values['older-than'] !== undefined) {
    const cutoff = cutoffFromAge(values['older-than'], now);
    if (!cutoff) return usage(t, 'purge.badAge');
    purge.olderThan = cutoff;
    console.log(t('purge.cutoffAge', { days: values['older-than'].replace(/d$/, ''), cutoff: cutoff.toISOString() }));
  }
  const { user, reference } = values;
  if (user !== undefined || reference !== undefined) {
    purge.match = (record) => (user !== undefined && record.userId === user) || (reference !== undefined && record.reference === reference);
    console.log(t('purge.cutoffMatch', { who: [user && `userId=${user}`, reference && `reference=${reference}`].filter(Boolean).join(', ') }));
  }
  if (!purge.olderThan && !purge.match) return usage(t, 'purge.needOne');

  const results = await purgeRecords(purge);
  if (results.length === 0) {
    console.log(t('purge.noFiles', { dir: purge.dataDir }));
    return 0;
  }
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative === '' || relative.startsWith('..') ? file : relative;
  };
  for (const result of results) {
    console.log(t('purge.line', { kind: t(`purge.kind.${result.kind}`), removed: result.removed, kept: result.kept, file: shown(result.file) }));
    if (result.unreadable > 0) console.log(`  ${t('purge.unreadable', { file: shown(result.file), count: result.unreadable })}`);
  }
  const removed = results.reduce((sum, result) => sum + result.removed, 0);
  console.log(purge.dryRun ? t('purge.dryRun') : t('purge.done', { removed }));
  return 0;
}

function usage(t: StaffT, key: string): number {
  console.error(t(key));
  console.error(t('purge.usage'));
  return 2;
}

runMain(main);
