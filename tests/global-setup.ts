/**
 * Before any suite starts, side by side:
 * - the real content is compiled once into the compiled-content folder (CONTENT_CACHE_DIR,
 *   default .cache/content), so the suites and the bot processes they start open it instead
 *   of each training the matcher again. Content that does not load is left for the suites to report.
 * - the bot's one-file build (`npm start`'s, scripts/bundle.ts) is made into .cache/test-bundle
 *   from the sources as they are now, for the tests' bot processes (tests/integration/bot-command.ts):
 *   a start from it took about 1.2 s of CPU, from the sources under tsx about 3.3 s.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadContentBundle } from '../src/core/content/bundle';
import { TEST_BUNDLE_DIR } from './integration/bot-command';

export default async function prepare(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  await Promise.all([
    loadContentBundle({ knowledgeDir: path.join(root, 'knowledge'), dialogsDir: path.join(root, 'dialogs'), localesDir: path.join(root, 'locales') }).catch(() => undefined),
    buildTestBundle(root),
  ]);
}

/** Never a bundle of older sources: without a new one (the build failed) the bot processes run the sources under tsx. */
async function buildTestBundle(root: string): Promise<void> {
  rmSync(path.join(root, TEST_BUNDLE_DIR), { recursive: true, force: true });
  await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bundle.ts')], { cwd: root, env: { ...process.env, BUNDLE_DIR: TEST_BUNDLE_DIR } }).catch((error: unknown) => {
    // The build writes start.js and bot.js before it checks them and writes the code cache:
    // a build that failed half-way must not be started, so what it left goes too.
    rmSync(path.join(root, TEST_BUNDLE_DIR), { recursive: true, force: true });
    console.warn(`global setup: the bot's one-file build failed, so bot processes run the sources under tsx:\n${String((error as { stderr?: string }).stderr ?? error)}`);
  });
}
