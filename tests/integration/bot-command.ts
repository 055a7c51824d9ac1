/**
 * How the tests start a real bot process: from the one-file build that tests/global-setup.ts
 * makes of the current sources (what `npm start` runs in production), else, when that build
 * is missing, from the sources under tsx (`npm run dev`). Both run src/main.ts's startBot.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Relative to the repository (scripts/bundle.ts's BUNDLE_DIR); under .cache/, which git ignores. */
export const TEST_BUNDLE_DIR = '.cache/test-bundle';

const ROOT = path.resolve(__dirname, '../..');

/** Node's arguments that start the bot. */
export function botArguments(): string[] {
  const start = path.join(ROOT, TEST_BUNDLE_DIR, 'start.js');
  return existsSync(start) ? [start] : ['--import', 'tsx', path.join(ROOT, 'src/index.ts')];
}
