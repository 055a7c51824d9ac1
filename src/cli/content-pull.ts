/**
 * npm run content:pull [-- --from https://bot.example.org]
 * Brings the content staff published in production into this checkout's knowledge folder
 * (KNOWLEDGE_DIR), to review with `git diff` and commit:
 * - with --from: from a running bot's staff API, with STAFF_TOKEN;
 * - otherwise: from the Blob content container (STORAGE=blob, BLOB_CONNECTION_STRING or
 *   BLOB_ACCOUNT_URL, CONTENT_CONTAINER), the same settings the bot reads.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { BlobContentStore } from '../core/staff/blob-store';
import { pullFromBot, pullFromStore, writePulled } from '../core/staff/pull';
import { containerClient } from '../core/storage/blob-container';
import { knowledgeDirFromEnv } from './paths';
import { runMain } from './run-main';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  const dir = knowledgeDirFromEnv();
  let pulled;
  if (values.from) {
    const token = process.env.STAFF_TOKEN ?? process.env.ADMIN_TOKEN;
    if (!token) {
      console.error('Set STAFF_TOKEN to the bot\'s staff token to pull from its API.');
      return 2;
    }
    pulled = await pullFromBot(values.from, token);
  } else {
    const config = loadConfig(process.env);
    if (config.content.kind !== 'blob') {
      console.error('Nothing to pull: set STORAGE=blob with BLOB_CONNECTION_STRING (or BLOB_ACCOUNT_URL) to read the content container, or use --from <bot URL> with STAFF_TOKEN.');
      return 2;
    }
    pulled = await pullFromStore(new BlobContentStore(containerClient(config.content, config.content.container)));
  }
  const { written, removed } = await writePulled(dir, pulled);
  console.log(`Content version ${pulled.version}: wrote ${written.length} file(s) into ${dir}${removed.length > 0 ? `, removed ${removed.join(', ')}` : ''}.`);
  console.log('Review with `git diff knowledge/`, run `npm run kb:check`, then commit.');
  return 0;
}

runMain(main);
