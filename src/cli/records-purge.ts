/**
 * npm run records:purge -- --older-than 365d [--data DIR] [--dry-run] [--lang vi|en]
 * npm run records:purge -- --expired [--data DIR] [--dry-run]   (older than RECORDS_RETENTION_DAYS)
 * npm run records:purge -- --user USER_ID | --reference REF [--data DIR] [--dry-run]
 * Retention and deletion of personal data in the record store the bot writes (the same
 * settings: JSONL files under DATA_DIR, or the Blob records container; --data DIR names
 * a folder of JSONL files instead). Removes the records older than the cutoff, or one
 * person's records, or both (any rule given removes a record), and prints what it
 * removed per kind. Both stores delete safely while the bot keeps writing.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { chooseStaffLang, staffTranslator, type StaffT } from '../core/knowledge/checks';
import type { DeleteResult, RecordFilter, RecordKind } from '../core/records';
import { cutoffFromAge } from '../core/records/purge';
import { recordStoreFromEnv } from './paths';
import { runMain } from './run-main';

const options = {
  'older-than': { type: 'string' },
  /** Older than RECORDS_RETENTION_DAYS: the number the consent questions tell users, so cron never repeats it. */
  expired: { type: 'boolean', default: false },
  user: { type: 'string' },
  reference: { type: 'string' },
  data: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  lang: { type: 'string' },
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
    console.error(staffTranslator('en')('purge.usage'));
    return 2;
  }
  const now = new Date();
  // Each rule is one delete: a record goes when any rule matches it.
  const rules: RecordFilter[] = [];
  if (values.expired && values['older-than'] !== undefined) return usage(t, 'purge.expiredOrAge');
  const age = values.expired ? `${loadConfig(process.env).contentSettings.retentionDays}d` : values['older-than'];
  if (age !== undefined) {
    const cutoff = cutoffFromAge(age, now);
    if (!cutoff) return usage(t, 'purge.badAge');
    rules.push({ olderThan: cutoff });
    console.log(t('purge.cutoffAge', { days: age.replace(/d$/, ''), cutoff: cutoff.toISOString() }));
  }
  const { user, reference } = values;
  if (user !== undefined) rules.push({ user: { userId: user } });
  if (reference !== undefined) rules.push({ reference });
  if (user !== undefined || reference !== undefined) {
    console.log(t('purge.cutoffMatch', { who: [user && `userId=${user}`, reference && `reference=${reference}`].filter(Boolean).join(', ') }));
  }
  if (rules.length === 0) return usage(t, 'purge.needOne');

  const store = recordStoreFromEnv(values.data);
  const dryRun = values['dry-run'];
  const byKind = new Map<RecordKind, DeleteResult>();
  for (const rule of rules) {
    for (const result of await store.delete(rule, { dryRun })) {
      const seen = byKind.get(result.kind);
      // Later rules see what earlier ones kept: removed adds up, kept is the last count.
      byKind.set(result.kind, seen ? { ...result, removed: seen.removed + result.removed } : result);
    }
  }
  await store.close();
  const results = [...byKind.values()];
  if (results.length === 0) {
    console.log(t('purge.noFiles', { dir: path.dirname(store.location('lead')) }));
    return 0;
  }
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative === '' || relative.startsWith('..') || file.includes('://') ? file : relative;
  };
  for (const result of results) {
    const where = shown(store.location(result.kind));
    console.log(t('purge.line', { kind: t(`purge.kind.${result.kind}`), removed: result.removed, kept: result.kept, file: where }));
    if (result.unreadable > 0) console.log(`  ${t('purge.unreadable', { file: where, count: result.unreadable })}`);
  }
  const removed = results.reduce((sum, result) => sum + result.removed, 0);
  console.log(dryRun ? t('purge.dryRun') : t('purge.done', { removed }));
  return 0;
}

function usage(t: StaffT, key: string): number {
  console.error(t(key));
  console.error(t('purge.usage'));
  return 2;
}

if (require.main === module) runMain(main);
