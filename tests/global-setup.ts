/**
 * Before any suite starts, side by side:
 * - the real content is compiled once into the compiled-content folder (CONTENT_CACHE_DIR,
 *   default .cache/content), so the suites and the bot processes they start open it instead
 *   of each training the matcher again. Content that does not load is left for the suites to report.
 * - the bot's one-file build (`npm start`'s, scripts/bundle.ts) of the sources as they are now,
 *   in .cache/test-bundle/<name>, for the tests' bot processes (tests/integration/bot-command.ts):
 *   a start from it took about 1.2 s of CPU, from the sources under tsx about 3.3 s.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadContentBundle } from '../src/core/content/bundle';
import { TEST_BUNDLE_ENV, TEST_BUNDLES_DIR, testBundleName } from './integration/bot-command';

export default async function prepare(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  await Promise.all([
    loadContentBundle({ knowledgeDir: path.join(root, 'knowledge'), dialogsDir: path.join(root, 'dialogs'), localesDir: path.join(root, 'locales') }).catch(() => undefined),
    buildTestBundle(root),
  ]);
}

/**
 * The build of the current sources in .cache/test-bundle/<name of the sources>, made once (in a
 * folder of this process's, renamed to its name when whole) and reused by
 * later runs of the same sources; the suites find it in PN_TEST_BUNDLE_DIR. Other runs' folders
 * are left alone (a second jest run in this checkout may be using one) unless a day old.
 */
async function buildTestBundle(root: string): Promise<void> {
  const bundles = path.join(root, TEST_BUNDLES_DIR);
  // Not one left in the caller's environment: after a failed build the bot processes must run the sources, not that build.
  delete process.env[TEST_BUNDLE_ENV];
  const name = testBundleName(root);
  const dir = path.join(bundles, name);
  pruneOldBundles(bundles, name);
  if (!existsSync(path.join(dir, 'start.js'))) {
    const building = `${dir}.${process.pid}`;
    const built = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bundle.ts')], { cwd: root, env: { ...process.env, BUNDLE_DIR: path.relative(root, building) } }).then(
      () => true,
      (error: unknown) => {
        // Never a bundle of older sources: without this one the bot processes run the sources under tsx.
        console.warn(`global setup: the bot's one-file build failed, so bot processes run the sources under tsx:\n${String((error as { stderr?: string }).stderr ?? error)}`);
        return false;
      },
    );
    if (!built) return;
    try {
      renameSync(building, dir);
    } catch {
      // Another jest run of the same sources renamed its build in first: that one is used, whole.
      rmSync(building, { recursive: true, force: true });
    }
  }
  // Read by the suites' processes: jest starts its workers after the global setup, with this environment.
  process.env[TEST_BUNDLE_ENV] = dir;
  const now = new Date();
  utimesSync(dir, now, now);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A folder that vanishes meanwhile (another jest run starting at the same time pruned it) is skipped, not an error. */
export function pruneOldBundles(bundles: string, keep: string): void {
  if (!existsSync(bundles)) return;
  for (const entry of readdirSync(bundles)) {
    if (entry === keep) continue;
    const dir = path.join(bundles, entry);
    try {
      if (Date.now() - statSync(dir).mtimeMs > DAY_MS) rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
