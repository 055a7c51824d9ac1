/**
 * Staff-edited content that changes under a running bot. A change to a watched folder
 * is debounced, the whole bundle is rebuilt off to the side, and swapped in only when it
 * loads cleanly: a bad edit never replaces the good version. Until it is fixed the
 * content is reported stale, with the error, so /readyz and the logs can say why.
 */
import type { FSWatcher } from 'chokidar';

/**
 * chokidar, loaded when watching starts: a bot that does not watch its folders
 * (WATCH_CONTENT=false, Blob content) never loads it, and loading it was part of every start.
 */
function watcherLibrary(): typeof import('chokidar') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs require, as storageSdk() in storage/blob-container.ts
  return require('chokidar') as typeof import('chokidar');
}

export interface ContentStatus {
  /** True while the files on disk do not load and the last good version is served. */
  stale: boolean;
  /** The problem with the files on disk, when stale. */
  error?: string;
  /** Increases by one at each successful load. */
  version: number;
  loadedAt: string;
}

export interface LiveContentOptions<T> {
  load: () => Promise<T>;
  /** Folders whose changes trigger a reload. */
  watch: string[];
  debounceMs?: number;
  onReload?: (status: ContentStatus) => void;
  onError?: (error: unknown, status: ContentStatus) => void;
  now?: () => Date;
}

export class LiveContent<T> {
  private value: T | undefined;
  private state: ContentStatus = { stale: false, version: 0, loadedAt: '' };
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The load under way, and the one queued behind it for changes made meanwhile. */
  private running: Promise<ContentStatus> | undefined;
  private next: Promise<ContentStatus> | undefined;

  constructor(private readonly options: LiveContentOptions<T>) {}

  /** Loads once (throwing if the content is bad: the bot must not start on it). */
  async init(): Promise<T> {
    this.value = await this.options.load();
    this.state = { stale: false, version: 1, loadedAt: this.nowIso() };
    return this.value;
  }

  /** Watches the folders; resolves once the watcher is ready. */
  async startWatching(): Promise<void> {
    const watcher = watcherLibrary().watch(this.options.watch, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } });
    this.watcher = watcher;
    watcher.on('all', () => this.schedule());
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  get current(): T {
    if (this.value === undefined) throw new Error('content used before init()');
    return this.value;
  }

  get status(): ContentStatus {
    return { ...this.state };
  }

  /**
   * Rebuilds now; resolves with the status of a load that started after this call, so
   * it reflects the files as they are now (admin endpoint, tests). Loads run one at a
   * time: calls during a load share the one load that follows it.
   */
  reload(): Promise<ContentStatus> {
    if (this.running) {
      this.next ??= this.running.then(() => {
        this.next = undefined;
        return this.reload();
      });
      return this.next;
    }
    this.running = this.reloadOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    await this.running;
    await this.next;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 300);
  }

  private async reloadOnce(): Promise<ContentStatus> {
    try {
      const next = await this.options.load();
      this.value = next;
      this.state = { stale: false, version: this.state.version + 1, loadedAt: this.nowIso() };
      this.options.onReload?.(this.status);
    } catch (error) {
      this.state = { ...this.state, stale: true, error: error instanceof Error ? error.message : String(error) };
      this.options.onError?.(error, this.status);
    }
    return this.status;
  }

  private nowIso(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
