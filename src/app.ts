/**
 * The one assembly of the bot: content with live reload, records, state storage, the
 * engine's ports, the Bot Framework bot and the HTTP server. src/index.ts and the
 * integration tests both build the app here, so tests run the bot production runs;
 * tests only swap the pieces named in AppOverrides (storage, clock, references, fetch).
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config';
import { AdmissionsBot } from './bot/bot';
import { notifyStaff } from './bot/staff-notice';
import { currentTranslator, loadContentBundle, type ContentBundle } from './core/content/bundle';
import { LiveContent } from './core/content/live-content';
import { EngineStateRepo, type TurnPorts } from './core/engine';
import { fillPlaceholders, newReference } from './core/flows';
import { settingValues } from './core/settings/content-settings';
import { createRecordStore, type RecordStore, type StoredRecord } from './core/records';
import { createStateStore, type StateStore } from './core/state';
import { BlobArtefactStore, DiskArtefactStore, LayeredArtefactStore, NO_ARTEFACTS, type ArtefactStore } from './core/storage/artefacts';
import { Container, containerClient } from './core/storage/blob-container';
import { RecordAuditLog, type AuditSink } from './core/staff/audit';
import { createPublishing } from './core/staff/publishing';
import { createStaffSettings, settingsStore, type StaffSettings } from './core/staff/settings';
import { createDecisionComparer, type withDraftEntry } from './core/staff/change-effect';
import { lastRecords } from './core/staff/recent-records';
import type { KnowledgeAnswerer } from './core/knowledge/load-answerer';
import { NeighbourCache, type NeighbourWork } from './core/knowledge/neighbours';
import { neighboursInWorker } from './core/knowledge/neighbours-off-thread';
import { createLogger } from './server/logger';
import { SignInFailures } from './server/sign-in-failures';
import { countDecision, countNeighbours, createMetrics } from './server/metrics';
import { startServer, type RunningServer, type ServerDeps } from './server/server';
import type { CloseHook } from './server/shutdown';
import { createStaffAccess } from './server/staff/sign-in';

export interface AppOverrides {
  /** The state store (tests: one that fails, or one shared by two apps). */
  storage?: StateStore;
  logger?: Logger;
  now?: () => Date;
  newReference?: () => string;
  /** For staff notifications. */
  fetch?: typeof fetch;
  /** The record store (tests: one that is slow or fails). */
  records?: RecordStore;
  /** Host to listen on (tests: 127.0.0.1). */
  host?: string;
  /** The per-conversation turn queue (tests look at it). */
  conversations?: ServerDeps['conversations'];
  /** Where compiled content is kept (default: CONTENT_CACHE_DIR, and Blob with STORAGE=blob). */
  compiledContent?: ArtefactStore;
  /** Where staff settings (controls, dismissals) are kept (tests: one shared by two apps). */
  settingsStore?: StateStore;
  /** How the test pane compiles a draft (tests: one that counts the compiles). */
  compileDraft?: typeof withDraftEntry;
  /** How the confusable neighbours are worked out (default: in a worker process at the lowest priority; tests: one that fails). */
  neighbourWork?: NeighbourWork;
}

/** Blob container where instances sharing STORAGE=blob keep compiled content for each other. */
export const COMPILED_CONTENT_CONTAINER = 'compiled-content';

/** Compiled content by hash: this machine's folder first, then (STORAGE=blob) the container every instance reads. */
function compiledContentStore(config: Config): ArtefactStore {
  const layers: ArtefactStore[] = [];
  if (config.contentCacheDir) layers.push(new DiskArtefactStore(path.resolve(config.contentCacheDir)));
  if (config.storage.kind === 'blob') layers.push(new BlobArtefactStore(new Container(containerClient(config.storage, COMPILED_CONTENT_CONTAINER))));
  if (layers.length === 0) return NO_ARTEFACTS;
  return layers.length === 1 ? layers[0] : new LayeredArtefactStore(layers);
}

export interface App {
  content: LiveContent<ContentBundle>;
  records: RecordStore;
  store: EngineStateRepo;
  bot: AdmissionsBot;
  logger: Logger;
  /** Listens; resolves once the port is open. */
  start(): Promise<RunningServer>;
  /** What a graceful shutdown closes, after the HTTP server. */
  closeHooks: CloseHook[];
  /** Staff controls and inbox dismissals, shared by every instance. */
  staffSettings: StaffSettings;
}

/** Loads the content (throwing when it is bad: the bot must not start on it) and wires everything. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  // Staff publishing (issue 19): the bot serves the live content version; audit is set once records exist.
  const audited: { sink?: AuditSink } = {};
  // The preview of a change (issue 19c) decides the recent questions with the candidate content; records and content exist later.
  const recent: { questions?: () => Promise<StoredRecord[]>; live?: () => KnowledgeAnswerer } = {};
  const compiled = overrides.compiledContent ?? compiledContentStore(config);
  const publishing = createPublishing({
    compiled,
    store: config.content,
    knowledgeDir: config.knowledgeDir,
    dialogsDir: config.dialogsDir,
    dataDir: config.dataDir,
    pollMs: config.contentPollMs,
    audit: { record: async (event) => audited.sink?.record(event) },
    compareDecisions: createDecisionComparer({
      live: () => (recent.live as () => KnowledgeAnswerer)(),
      questions: async () => (recent.questions ? recent.questions() : []),
      store: compiled,
    }),
    onPollError: (error) => logger.warn({ error: (error as Error).message }, 'cannot read the live content pointer; still serving the current version'),
  });
  const prepareContent = async (): Promise<{ version?: string; dir: string }> => {
    try {
      return await publishing.source.prepare();
    } catch (error) {
      // Content store unreachable (Blob down at start, DATA_DIR read-only): answer from the image's files meanwhile.
      logger.error({ error: (error as Error).message, store: publishing.repository.store.where }, 'cannot read the live content version; serving the files in KNOWLEDGE_DIR');
      return { dir: config.knowledgeDir };
    }
  };
  if (config.content.kind === 'blob') {
    try {
      const merged = await publishing.followImage();
      if (merged?.merged) logger.info({ image: merged.image, updated: merged.updated, conflicts: merged.conflicts }, 'new image content merged into the live content');
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'could not merge this image\'s content into the live content');
    }
  }
  const content = new LiveContent<ContentBundle>({
    load: async () => {
      const live = await prepareContent();
      const bundle = await loadContentBundle({ ...config, knowledgeDir: live.dir }, { store: compiled, onStoreError: (error) => logger.warn({ error: String(error) }, 'compiled content store unavailable: compiling here') });
      if (live.version) publishing.source.markServed(live.version);
      return bundle;
    },
    watch: [config.knowledgeDir, config.dialogsDir, config.localesDir],
    onReload: (status) => logger.info({ version: status.version, hash: content.current.hash, entries: content.current.answerer.content.kb.entries.length }, 'content reloaded'),
    onError: (_error, status) => logger.error({ error: status.error }, 'content edit rejected: still serving the last good version'),
  });
  await content.init();
  if (config.watchContent) await content.startWatching();
  publishing.onPublished = async (version) => {
    const status = await content.reload();
    if (status.stale || publishing.source.served !== version.id) logger.error({ version: version.id, error: status.error }, 'published content did not load on this instance');
  };
  if (config.content.kind === 'blob') publishing.source.startPolling(() => content.reload());

  if (config.storage.kind === 'blob' && config.records.kind === 'jsonl') {
    logger.warn(
      { dataDir: config.dataDir },
      'state is shared in Blob storage but records are files on this instance: with more than one instance a lead could be stored on each; set RECORDS_STORAGE=blob',
    );
  }
  const records =
    overrides.records ??
    createRecordStore(config.records, config.dataDir, {
      onSkippedLine: (skipped) => logger.warn({ file: skipped.file, line: skipped.line, reason: skipped.reason }, 'skipped an unreadable record'),
    });
  const store = new EngineStateRepo(overrides.storage ?? createStateStore(config.storage, config.memoryState));
  const t = currentTranslator(() => content.current);
  const fetchImpl = overrides.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const ports: TurnPorts = {
    append: (kind, data) => records.append(kind, data),
    appendOnce: (kind, data, key) => records.appendOnce(kind, data, key),
    appendBestEffort: (kind, data, onError) => records.appendBestEffort(kind, data, onError),
    async deleteUserData(who) {
      // Records still on their way to disk (an unanswered question a moment ago) are deleted too.
      await records.flush();
      const results = await records.delete({ user: { userId: who.userId, channelId: who.channelId } });
      await store.deleteAll(who);
      return results.reduce((sum, result) => sum + result.removed, 0);
    },
    logger,
  };
  const webhook = config.staffWebhookUrl;
  if (webhook) {
    ports.notifyStaff = async (record, flowId) => {
      await notifyStaff(record, content.current.flows.byId.get(flowId), { url: webhook, timeoutMs: 5000, fetch: fetchImpl, logger, lang: 'vi', t });
    };
  }
  const staffSettings = createStaffSettings(overrides.settingsStore ?? settingsStore(config.storage, config.dataDir), {
    onError: (error) => logger.error({ err: error }, 'could not read the staff settings: following the last ones read'),
  });
  await Promise.all([staffSettings.controls.start(), staffSettings.dismissals.start()]);
  const metrics = createMetrics();
  const audit = new RecordAuditLog(records);
  // One count of failed sign-ins per address for admin, metrics, the staff guard and the staff sign-in routes.
  const signInFailures = new SignInFailures({ maxFailures: config.limits.signInMaxFailures, logger });
  const staff = createStaffAccess(config, config.storage, { failures: signInFailures });
  audited.sink = audit;
  recent.questions = () => lastRecords(records, 'question');
  recent.live = () => content.current.answerer;
  // The entry editor's confusable neighbours: cross-validation once per knowledge version, in a worker
  // process at the lowest priority (students' turns never wait on it), kept in the compiled-content store where kb:check keeps them.
  const neighbours = new NeighbourCache(
    compiled,
    overrides.neighbourWork ?? ((files, signal) => neighboursInWorker(files, { signal })),
    (error) => logger.error({ error: String(error) }, 'confusable neighbours: compiled content store unavailable, or they could not be worked out (the console shows them as unavailable)'),
  );
  countNeighbours(metrics, neighbours.counts);
  const bot = new AdmissionsBot({
    controls: () => staffSettings.controls.current,
    content: () => content.current,
    store,
    ports,
    options: { maxMessageLength: config.maxMessageLength },
    newReference: overrides.newReference ?? (() => newReference()),
    now: overrides.now,
    onDecision: (kind) => countDecision(metrics, kind),
    settings: config.contentSettings,
  });

  return {
    content,
    records,
    store,
    bot,
    logger,
    staffSettings,
    closeHooks: [
      { name: 'staff settings', close: async () => (staffSettings.controls.stop(), staffSettings.dismissals.stop()) },
      { name: 'content watcher', close: () => content.close() },
      { name: 'content pointer', close: async () => publishing.source.close() },
      { name: 'record store', close: () => records.close() },
      { name: 'confusable neighbours', close: async () => neighbours.close() },
    ],
    start: () =>
      startServer(config, {
        signInFailures,
        runTurn: (context) => bot.run(context),
        logger,
        t,
        metrics,
        host: overrides.host,
        readiness: {
          knowledge: async () => {
            if (content.current.answerer.content.kb.entries.length === 0) throw new Error('the knowledge base has no entries');
          },
          storage: () => store.store.probe(),
          records: () => records.checkWritable(),
          content: async () => {
            const status = content.status;
            if (status.stale) throw new Error(`serving content version ${status.version}; the files on disk do not load: ${status.error}`);
            const served = publishing.source.served;
            if (!served) throw new Error(`the live content version cannot be read from ${publishing.repository.store.where}; serving the files in KNOWLEDGE_DIR`);
            return { version: served };
          },
        },
        reloadContent: () => content.reload(),
        conversations: overrides.conversations,
        staff: {
          guard: staff.guard,
          audit,
          records,
          logger,
          localesDir: config.localesDir,
          signIn: staff.signIn,
          deletePerson: (who) => ports.deleteUserData(who),
          answerer: () => content.current.answerer,
          content: publishing.service,
          inbox: {
            records,
            live: () => content.current.answerer,
            settings: staffSettings,
            publisher: publishing.service,
            neighbours: () => neighbours.status(content.current.knowledge.hash, content.current.knowledge.files),
            compileDraft: overrides.compileDraft,
          },
        },
        facebookDeletion: {
          appSecret: config.facebook.appSecret,
          publicBaseUrl: config.publicBaseUrl,
          retentionDays: config.contentSettings.retentionDays,
          records,
          deleteUserState: (channelId, userId) => store.deleteUser(channelId, userId),
        },
        privacyNotice: (lang) => {
          const entry = content.current.answerer.entry('bot.privacy');
          if (!entry) return undefined;
          const values = settingValues(config.contentSettings, lang, t);
          return { title: entry.question[lang], markdown: fillPlaceholders(entry.answer[lang], { ...values, privacyUrl: '' }) };
        },
      }),
  };
}
