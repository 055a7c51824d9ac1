/**
 * How the tests start a real bot process: from the one-file build that tests/global-setup.ts
 * makes of the current sources (what `npm start` runs in production), else, when that build
 * is missing, from the sources under tsx (`npm run dev`). Both run src/main.ts's startBot.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Relative to the repository; under .cache/, which git ignores. One folder per version of the sources. */
export const TEST_BUNDLES_DIR = '.cache/test-bundle';

/** Set by the global setup for the suites (jest's workers inherit it): the build's folder, when it succeeded. */
export const TEST_BUNDLE_ENV = 'PN_TEST_BUNDLE_DIR';

const ROOT = path.resolve(__dirname, '../..');

/** Node's arguments that start the bot. */
export function botArguments(): string[] {
  const built = process.env[TEST_BUNDLE_ENV];
  return built ? [path.join(built, 'start.js')] : ['--import', 'tsx', path.join(ROOT, 'src/index.ts')];
}

/**
 * The name of the build of the sources as they are now: everything it is made of (src/, the
 * build scripts, tsconfig.json that esbuild reads for target and class fields, package.json
 * and the locked packages) and the Node version its code cache is for. A second
 * jest run in the same checkout reuses the build; an edited source gets a folder of its own,
 * so a run never starts a bot built from other sources, nor removes one another run is using.
 */
export function testBundleName(root: string = ROOT): string {
  const hash = createHash('sha256');
  hash.update(`${process.version}\0`);
  const files = [
    ...sourceFiles(path.join(root, 'src')),
    ...['scripts/bundle.ts', 'scripts/bundle-start.ts', 'scripts/lazy-packages.ts', 'tsconfig.json', 'package.json', 'package-lock.json'].map((file) => path.join(root, file)),
  ];
  for (const file of files) hash.update(`${path.relative(root, file)}\0${readFileSync(file)}\0`);
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}
