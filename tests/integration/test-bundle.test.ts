/**
 * The tests' bot build (tests/global-setup.ts, tests/integration/bot-command.ts): its name
 * changes with every input esbuild reads, and pruning old builds survives another jest run
 * removing one at the same time.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pruneOldBundles } from '../global-setup';
import { testBundleName } from './bot-command';

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pn-test-bundle-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

it('names a new build when tsconfig.json or package.json changes, not when nothing does', () => {
  const root = path.join(work, 'root');
  mkdirSync(path.join(root, 'src'), { recursive: true });
  mkdirSync(path.join(root, 'scripts'));
  writeFileSync(path.join(root, 'src/main.ts'), 'export {};\n');
  for (const file of ['scripts/bundle.ts', 'scripts/bundle-start.ts', 'scripts/lazy-packages.ts', 'package-lock.json']) writeFileSync(path.join(root, file), '{}\n');
  cpSync('tsconfig.json', path.join(root, 'tsconfig.json'));
  cpSync('package.json', path.join(root, 'package.json'));
  const first = testBundleName(root);
  expect(testBundleName(root)).toBe(first);
  writeFileSync(path.join(root, 'tsconfig.json'), '{ "compilerOptions": { "target": "es2019" } }\n');
  const second = testBundleName(root);
  expect(second).not.toBe(first);
  writeFileSync(path.join(root, 'package.json'), '{}\n');
  expect(testBundleName(root)).not.toBe(second);
});

it('prunes builds a day old, keeps the current one, and skips one that vanished under it', () => {
  const bundles = path.join(work, 'bundles');
  const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  for (const name of ['current', 'stale', 'fresh']) mkdirSync(path.join(bundles, name), { recursive: true });
  for (const name of ['current', 'stale']) utimesSync(path.join(bundles, name), old, old);
  // Listed but gone when looked at, as when another run pruned it a moment before.
  symlinkSync(path.join(work, 'removed-meanwhile'), path.join(bundles, 'vanished'));
  expect(() => pruneOldBundles(bundles, 'current')).not.toThrow();
  expect(['current', 'stale', 'fresh'].filter((name) => existsSync(path.join(bundles, name)))).toEqual(['current', 'fresh']);
});
