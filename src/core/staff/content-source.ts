/**
 * What this instance serves: the live content version, as a folder the content loader
 * reads. Locally that is the knowledge folder itself. With the Blob store each version
 * is written out once into its own folder (DATA_DIR/content/live/<version>, complete
 * before it is used), and the pointer's eTag is polled so a publish on any instance is
 * followed here within about a second plus the time to build the new bundle.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentRepository } from './content-repository';
import { isContentFileName } from './entry-index';

export interface ContentSourceOptions {
  repository: ContentRepository;
  /** Local use: the knowledge folder, served as it is. */
  folder?: string;
  /** Blob store: where versions are written out for loading. */
  outDir: string;
  /** How often to look at the live pointer (Blob store). */
  pollMs: number;
  onPollError?: (error: unknown) => void;
}

export interface PreparedContent {
  version: string;
  dir: string;
}

export class ContentSource {
  private servedVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The pointer's tag when this instance last looked, and the version it last prepared. */
  private lastTag: string | undefined;
  private preparedVersion: string | undefined;
  private polling = false;

  constructor(private readonly options: ContentSourceOptions) {}

  /** The version this instance answers from (set once its bundle loaded). */
  get served(): string | undefined {
    return this.servedVersion;
  }

  markServed(version: string): void {
    this.servedVersion = version;
  }

  /** The live version, ready to load. */
  async prepare(): Promise<PreparedContent> {
    const head = await this.options.repository.head();
    this.lastTag = head.tag;
    this.preparedVersion = head.version.id;
    const folder = this.options.folder;
    if (folder) return { version: head.version.id, dir: folder };
    const dir = path.join(this.options.outDir, head.version.id);
    if (!(await exists(dir))) {
      // Written beside and renamed: a folder that exists is complete.
      const partial = `${dir}.${randomUUID()}.tmp`;
      await mkdir(partial, { recursive: true });
      for (const [name, text] of Object.entries(head.files)) {
        if (!isContentFileName(name)) continue;
        await writeFile(path.join(partial, name), text, 'utf8');
      }
      try {
        await rename(partial, dir);
      } catch (error) {
        await rm(partial, { recursive: true, force: true });
        if (!(await exists(dir))) throw error;
      }
    }
    await this.prune(head.version.id);
    return { version: head.version.id, dir };
  }

  /** Calls `onMoved` whenever the live pointer changes (Blob store only; locally the folder watcher does this). */
  startPolling(onMoved: () => Promise<unknown>): void {
    if (this.options.folder || this.timer) return;
    const tick = async () => {
      if (this.polling) return;
      this.polling = true;
      try {
        const store = this.options.repository.store;
        const tag = await store.liveTag();
        if (this.preparedVersion === undefined) {
          // The store was unreachable when the bot started: it answers now, so serve its live version.
          await onMoved();
        } else if (tag !== undefined && tag !== this.lastTag) {
          this.lastTag = tag;
          // Only a new version needs a new bundle (the pointer also moves when conflicts are listed).
          const live = await store.readLive();
          if (live && live.pointer.version !== this.preparedVersion) await onMoved();
        }
      } catch (error) {
        this.options.onPollError?.(error);
      } finally {
        this.polling = false;
      }
    };
    this.timer = setInterval(() => void tick(), this.options.pollMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Keeps the folders of the version being prepared and the one served; removes older ones. */
  private async prune(current: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.options.outDir);
    } catch {
      return;
    }
    const keep = new Set([current, this.servedVersion]);
    await Promise.all(names.filter((name) => /^v\d{17}-[0-9a-f]{8}$/.test(name) && !keep.has(name)).map((name) => rm(path.join(this.options.outDir, name), { recursive: true, force: true })));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
