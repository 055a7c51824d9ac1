/**
 * `npm run build`'s second step: the bot as one file, dist/bundle/bot.js (esbuild), with
 * a V8 code cache beside it, started by dist/bundle/start.js (scripts/bundle-start.ts), and
 * dist/bundle/neighbours-worker.js, the process that works out the console's confusable neighbours.
 * Requiring the bot's 1,500 module files one by one (resolving, reading, compiling each)
 * was about a third of a start with compiled content; one file with its code cache is
 * read and run at once. Everything here is generated into dist/, never committed.
 *
 * Left outside the file, loaded from node_modules when first used: packages only some
 * configurations reach (Blob storage, staff sign-in, watching folders) and a native one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, version } from 'esbuild';
import { fingerprintOf } from '../src/core/knowledge/compiled';
import { escapeNonAscii } from '../src/core/storage/escape-non-ascii';
import { lazyPackages } from './lazy-packages';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.resolve(ROOT, process.env.BUNDLE_DIR ?? 'dist/bundle');

/**
 * Lazily required (src/core/storage/blob-container.ts, src/server/staff/entra.ts, live-content) or native and optional;
 * tsx only runs the neighbours' worker from the sources (neighbours-off-thread.ts), never reached from the build.
 */
const EXTERNAL = ['@azure/storage-blob', 'openid-client', 'chokidar', 'dtrace-provider', 'tsx'];

/**
 * Required when botbuilder or restify loads, used only with an app id (Azure sign-in, checking
 * tokens), for speak tags or by restify's authorizationParser (HTTP signatures, not used here):
 * loaded at their first use (scripts/lazy-packages.ts). The code cache of a start without them
 * is 13% smaller (4.92 to 4.28 MB). botframework-streaming and the connector's HTTP pipeline
 * are not here: botbuilder reads the first when it loads, every turn the second. Only packages
 * whose exports are an object: the stand-in cannot be called as a function.
 */
const LAZY = ['@azure/identity', '@azure/msal-node', 'jsonwebtoken', 'htmlparser2', 'http-signature'];

/**
 * Built into a folder of its own beside OUT, then swapped in: a build that fails half-way (a
 * type esbuild refuses, a non-ASCII escape, the code cache step) leaves the last good build
 * whole, never a bot.js without its start.js or code cache that `npm start` would run.
 */
async function main(): Promise<void> {
  const building = `${OUT}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  try {
    await buildInto(building);
    const old = `${OUT}.old-${process.pid}`;
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(OUT, old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(building, OUT);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

async function buildInto(out: string): Promise<void> {
  // Botframework Web Chat's helpers bring esbuild 0.14, which cannot read today's TypeScript: say so rather than fail on a `satisfies`.
  if (Number(version.split('.')[1]) < 28 && version.startsWith('0.')) throw new Error(`esbuild ${version} is installed at the top of node_modules; package.json wants ^0.28: run npm install`);
  await build({
    // The confusable neighbours' worker process runs its own file, beside bot.js (src/core/knowledge/neighbours-off-thread.ts).
    entryPoints: { bot: path.join(ROOT, 'src/main.ts'), start: path.join(ROOT, 'scripts/bundle-start.ts'), 'neighbours-worker': path.join(ROOT, 'src/core/knowledge/neighbours-worker.ts') },
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    plugins: [lazyPackages(LAZY)],
    // Smaller to read at every start. Names are kept (stack traces, libraries reading a class's name):
    // minifying them too saved under 0.1 s of CPU, within the noise of the shared machine.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    // The hash of the matching code, as the CLIs compute it from src/core: compiled content is shared with them.
    define: { PN_COMPILER_FINGERPRINT: JSON.stringify(fingerprintOf(path.join(ROOT, 'src/core'))) },
  });
  const bot = path.join(out, 'bot.js');
  // ASCII, read by a start as latin1 (scripts/bundle-start.ts): one byte a character, no UTF-8
  // decoding (about 80 ms of CPU for the 6 MB file when a few characters were not ASCII), and V8
  // compiles a one-byte string. esbuild escapes strings and identifiers but leaves
  // regular-expression literals as written (`/[đð]/`): escapeNonAscii escapes those too.
  const ascii = escapeNonAscii(readFileSync(bot, 'utf8'));
  // start.js reads it as latin1 without looking: say so here if a character escaped the escaping.
  if (/[\u0080-\uffff]/.test(ascii)) throw new Error(`${bot} is not ASCII after escaping`);
  writeFileSync(bot, ascii);
  execFileSync(process.execPath, [path.join(out, 'start.js'), '--write-code-cache'], { cwd: ROOT, stdio: 'inherit' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
