/**
 * Starts the bot: configuration, knowledge base, state, server, graceful shutdown.
 * Wiring only; the turn lives in src/bot and the HTTP side in src/server.
 */
import 'dotenv/config';
import { ConfigError, loadConfig } from './config';
import { KnowledgeLoadError, loadAnswerer } from './core/knowledge/load-answerer';
import { createBotState } from './bot/state';
import { createStorage } from './bot/storage';
import { createLogger } from './server/logger';
import { startServer } from './server/server';
import { installShutdown } from './server/shutdown';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);

  const answerer = await loadAnswerer({ knowledgeDir: config.knowledgeDir });
  const storage = createStorage(config);
  const state = createBotState(storage);
  const server = await startServer(config, {
    answerer,
    listEntries: () => answerer.content.kb.entries,
    state,
    logger,
  });

  installShutdown({
    logger,
    hooks: [{ name: 'http server', close: () => server.close() }],
  });

  logger.info(
    { entries: answerer.content.kb.entries.length, storage: config.storage.kind },
    config.localMode ? `ready: chat at http://localhost:${server.port}/` : 'ready',
  );
}

main().catch((error: unknown) => {
  // Staff-facing problems get their own clean message; anything else gets the stack.
  if (error instanceof ConfigError || error instanceof KnowledgeLoadError) {
    console.error(`Cannot start the bot.\n${error.message}`);
  } else {
    console.error('Cannot start the bot:', error);
  }
  process.exit(1);
});
