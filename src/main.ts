/**
 * Starts the bot: configuration, the one assembly (src/app.ts), the server, and a
 * graceful shutdown. Wiring only. Run by src/index.ts, and by the one-file build
 * (scripts/bundle.ts), which loads this module first and starts it afterwards.
 */
import 'dotenv/config';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { FlowLoadError } from './core/flows';
import { KnowledgeLoadError } from './core/knowledge/load-answerer';
import { installShutdown } from './server/shutdown';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const server = await app.start();
  installShutdown({
    logger: app.logger,
    hooks: [{ name: 'http server', close: () => server.close() }, ...app.closeHooks],
  });
  const bundle = app.content.current;
  // How long the start took, and the CPU it used (on a busy machine the wall time says little).
  const cpu = process.cpuUsage();
  const startup = { ms: Math.round(performance.now()), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
  app.logger.info(
    { entries: bundle.answerer.content.kb.entries.length, flows: bundle.flows.flows.length, storage: config.storage.kind, watching: config.watchContent, startup },
    config.localMode ? `ready: chat at http://localhost:${server.port}/` : 'ready',
  );
}

/** Starts the bot, or says why it cannot and exits with 1. */
export function startBot(): void {
  main().catch((error: unknown) => {
    // Staff-facing problems get their own clean message; anything else gets the stack.
    if (error instanceof ConfigError || error instanceof KnowledgeLoadError || error instanceof FlowLoadError) {
      console.error(`Cannot start the bot.\n${error.message}`);
    } else {
      console.error('Cannot start the bot:', error);
    }
    process.exit(1);
  });
}
