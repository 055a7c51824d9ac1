/**
 * Starts the bot: configuration, content (with live reload), records, state, guided
 * flows, server, graceful shutdown. Wiring only; the turn lives in src/bot and the
 * HTTP side in src/server.
 */
import 'dotenv/config';
import { ConfigError, loadConfig } from './config';
import { LiveContent } from './core/content/live-content';
import { FlowLoadError } from './core/flows';
import { KnowledgeLoadError } from './core/knowledge/load-answerer';
import { JsonlRecordStore } from './core/records';
import { purgeRecords } from './core/records/purge';
import { currentAnswerer, currentTranslator, loadBotContent, type BotContent } from './bot/content';
import { FlowRunner } from './bot/dialogs';
import { chooseReplyLanguage } from './core/conversation/reply-language';
import { storeSinks } from './bot/record-sinks';
import { createBotState } from './bot/state';
import { createStorage } from './bot/storage';
import { createLogger } from './server/logger';
import { startServer } from './server/server';
import { installShutdown } from './server/shutdown';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);

  const live = new LiveContent<BotContent>({
    load: () => loadBotContent(config),
    watch: [config.knowledgeDir, config.dialogsDir, config.localesDir],
    onReload: (status) => {
      runner.setFlows(live.current.flows);
      logger.info({ version: status.version, entries: live.current.answerer.content.kb.entries.length }, 'content reloaded');
    },
    onError: (_error, status) => logger.error({ error: status.error }, 'content edit rejected: still serving the last good version'),
  });
  const content = await live.init();
  if (config.watchContent) await live.startWatching();

  const records = new JsonlRecordStore(config.dataDir);
  const state = createBotState(createStorage(config));
  const answerer = currentAnswerer(() => live.current);
  const runner = new FlowRunner({
    flows: content.flows,
    dialogState: state.dialogState,
    // The same rule as the bot's replies: the stored choice, else the channel's locale, else Vietnamese.
    userLang: async (context) => chooseReplyLanguage({ preferred: (await state.userProfile.get(context, {}))?.lang, locale: context.activity.locale }),
    setUserLang: async (context, lang) => {
      const profile = await state.userProfile.get(context, {});
      await state.userProfile.set(context, { ...profile, lang });
    },
    records,
    notifyUrl: config.staffWebhookUrl,
    answerer,
    rememberedAnswers: state.rememberedAnswers,
    logger,
  });

  const server = await startServer(config, {
    answerer,
    listEntries: () => live.current.answerer.content.kb.entries,
    state,
    logger,
    t: currentTranslator(() => live.current),
    sinks: storeSinks(records, logger),
    flowRunner: runner,
    handover: (context, request) => runner.start(context, 'handoff', { recentQuestions: request.recentQuestions }),
    deleteUserData: async (user) => {
      const results = await purgeRecords({ dataDir: config.dataDir, match: (record) => record.userId === user.userId && record.channelId === user.channelId });
      return results.reduce((sum, result) => sum + result.removed, 0);
    },
    readiness: {
      records: () => records.checkWritable(),
      content: async () => {
        const status = live.status;
        if (status.stale) throw new Error(`serving content version ${status.version}; the files on disk do not load: ${status.error}`);
      },
    },
    reloadContent: () => live.reload(),
  });

  installShutdown({
    logger,
    hooks: [
      { name: 'http server', close: () => server.close() },
      { name: 'content watcher', close: () => live.close() },
      { name: 'record store', close: () => records.close() },
    ],
  });

  logger.info(
    { entries: content.answerer.content.kb.entries.length, flows: content.flows.flows.length, storage: config.storage.kind, watching: config.watchContent },
    config.localMode ? `ready: chat at http://localhost:${server.port}/` : 'ready',
  );
}

main().catch((error: unknown) => {
  // Staff-facing problems get their own clean message; anything else gets the stack.
  if (error instanceof ConfigError || error instanceof KnowledgeLoadError || error instanceof FlowLoadError) {
    console.error(`Cannot start the bot.\n${error.message}`);
  } else {
    console.error('Cannot start the bot:', error);
  }
  process.exit(1);
});
