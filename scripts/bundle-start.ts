/**
 * `npm start`: the bot from its one-file build (dist/bundle/bot.js, see scripts/bundle.ts),
 * with the V8 code cache the build made. A start then neither looks for some 1,500 module
 * files nor compiles again the functions that loading them runs. Node 20 has no module
 * compile cache of its own (module.enableCompileCache came in Node 22), so the file is
 * run through vm.Script with `cachedData`, which V8 checks and ignores if it does not fit
 * (another Node version, other flags): the bot then starts as fast as without it.
 *
 * `--write-code-cache` (the build's last step): loads every module without starting the
 * bot and writes the cache of everything compiled meanwhile.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const file = path.join(__dirname, 'bot.js');
const cacheFile = `${file}.code-cache`;
const writing = process.argv.includes('--write-code-cache');

const cachedData = !writing && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
// The build writes ASCII (escapeNonAscii in src/core/storage/escape-non-ascii.ts): read as latin1, without UTF-8 decoding or a check.
const code = readFileSync(file, 'latin1');
// Wrapped as Node wraps a CommonJS module.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
  filename: file,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const loaded = { exports: {} as { startBot?: () => void } };
(script.runInThisContext() as (...args: unknown[]) => void)(loaded.exports, createRequire(file), loaded, file, path.dirname(file));

if (writing) {
  writeFileSync(cacheFile, script.createCachedData());
} else {
  if (process.env.CODE_CACHE_DEBUG) console.error(`code cache: ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none'}`);
  if (typeof loaded.exports.startBot !== 'function') throw new Error(`${file} does not export startBot: run npm run build`);
  loaded.exports.startBot();
}
