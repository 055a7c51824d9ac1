/**
 * Before any suite starts: the real content is compiled once into the compiled-content
 * folder (CONTENT_CACHE_DIR, default .cache/content), so the suites and the bot processes
 * they start open it instead of each training the matcher again. Content that does not
 * load is left for the suites to report.
 */
import path from 'node:path';
import { loadContentBundle } from '../src/core/content/bundle';

export default async function compileRealContent(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  await loadContentBundle({ knowledgeDir: path.join(root, 'knowledge'), dialogsDir: path.join(root, 'dialogs'), localesDir: path.join(root, 'locales') }).catch(() => undefined);
}
