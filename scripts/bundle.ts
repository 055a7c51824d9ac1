/**
 * `npm run build`'s second step: the bot as one file, dist/bundle/bot.js (esbuild), with
 * a V8 code cache beside it, started by dist/bundle/start.js (scripts/bundle-start.ts).
 * Requiring the bot's 1,500 module files one by one (resolving, reading, compiling each)
 * was about a third of a start with compiled content; one file with its code cache is
 * read and run at once. Everything here is generated into dist/, never committed.
 *
 * Left outside the file, loaded from node_modules when first used: packages only some
 * configurations reach (Blob storage, staff sign-in, watching folders) and a native one.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { build, version } from 'esbuild';
import { fingerprintOf } from '../src/core/knowledge/compiled';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, process.env.BUNDLE_DIR ?? 'dist/bundle');

/** Lazily required (src/core/storage/blob-container.ts, src/server/staff/entra.ts, live-content) or native and optional. */
const EXTERNAL = ['@azure/storage-blob', 'openid-client', 'chokidar', 'dtrace-provider'];

async function main(): Promise<void> {
  // Botframework Web Chat's helpers bring esbuild 0.14, which cannot read today's TypeScript: say so rather than fail on a `satisfies`.
  if (Number(version.split('.')[1]) < 28 && version.startsWith('0.')) throw new Error(`esbuild ${version} is installed at the top of node_modules; package.json wants ^0.28: run npm install`);
  await build({
    entryPoints: { bot: path.join(ROOT, 'src/main.ts'), start: path.join(ROOT, 'scripts/bundle-start.ts') },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    // Smaller to read at every start. Names are kept (stack traces, libraries reading a class's name):
    // minifying them too saved under 0.1 s of CPU, within the noise of the shared machine.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    // The hash of the matching code, as the CLIs compute it from src/core: compiled content is shared with them.
    define: { PN_COMPILER_FINGERPRINT: JSON.stringify(fingerprintOf(path.join(ROOT, 'src/core'))) },
  });
  execFileSync(process.execPath, [path.join(OUT, 'start.js'), '--write-code-cache'], { cwd: ROOT, stdio: 'inherit' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
