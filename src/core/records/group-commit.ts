/**
 * One append-only file written by group commit: callers queue lines; one writer takes
 * every line waiting, writes them with one write and one datasync, then resolves all
 * their promises together, and starts again with what arrived meanwhile. Under load a
 * datasync is shared by many records instead of each record paying its own (and
 * waiting for everyone else's).
 *
 * The file stays open between batches. Before each batch it checks the path still
 * names the open file: a purge renames a rewritten copy over it, and the next batch must
 * go to the new file, not the unlinked old one.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from './sync-dir';

interface Waiter {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Record files are readable and writable by the bot's user only: they hold personal data. */
export const RECORD_FILE_MODE = 0o600;

export interface GroupCommitOptions {
  /** Makes sure the folder exists before the file is opened. */
  prepareFolder: () => Promise<void>;
  /** Resolves when batches may be written (a delete holds it closed while it rewrites files). */
  gate: () => Promise<void>;
}

export class GroupCommitFile {
  private pending: Waiter[] = [];
  private draining: Promise<void> | undefined;
  private committing: Promise<void> | undefined;
  private handle: FileHandle | undefined;
  private inode: number | undefined;
  /** The open file is known to end with a newline (or is being made to). */
  private endsClean = false;

  /** Batches written and lines in them, since this object was made (diagnostics and tests). */
  readonly stats = { batches: 0, lines: 0 };

  constructor(
    readonly file: string,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Queues one line (with its newline); resolves once it is on disk. */
  write(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.startDraining();
    });
  }

  /** Resolves when nothing is queued or being written. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Resolves when no batch is in the middle of its write (queued lines may wait at the gate). */
  async notCommitting(): Promise<void> {
    while (this.committing) await this.committing;
  }

  async close(): Promise<void> {
    await this.idle();
    await this.closeHandle();
  }

  private startDraining(): void {
    if (this.draining) return;
    // setImmediate: lines queued by requests handled in the same turn of the event loop join the first batch.
    this.draining = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.draining = undefined;
        if (this.pending.length > 0) this.startDraining();
      });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      await this.options.gate();
      const batch = this.pending.splice(0);
      this.committing = this.commit(batch.map((waiter) => waiter.line).join(''));
      try {
        await this.committing;
        this.stats.batches += 1;
        this.stats.lines += batch.length;
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        // Start from a fresh open next time (the disk may come back, the folder may be recreated).
        await this.closeHandle();
        for (const waiter of batch) waiter.reject(error);
      } finally {
        this.committing = undefined;
      }
    }
  }

  private async commit(text: string): Promise<void> {
    const handle = await this.openCurrent();
    let out = text;
    // A crash may have left half a line: start on a fresh line so this batch stays whole.
    if (!this.endsClean && !(await endsWithNewline(handle))) out = `\n${text}`;
    await handle.write(out);
    await handle.datasync();
    this.endsClean = true;
  }

  private async openCurrent(): Promise<FileHandle> {
    if (this.handle) {
      const current = await stat(this.file).catch(() => undefined);
      if (current?.ino === this.inode) return this.handle;
      await this.closeHandle();
    }
    await this.options.prepareFolder();
    const existed = await stat(this.file).then(
      () => true,
      () => false,
    );
    const handle = await open(this.file, 'a+', RECORD_FILE_MODE);
    try {
      // Files from an older version (or copied in) may be 0644: tighten them.
      await handle.chmod(RECORD_FILE_MODE);
      this.inode = (await handle.stat()).ino;
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.handle = handle;
    this.endsClean = false;
    if (!existed) await syncDir(path.dirname(this.file));
    return handle;
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.inode = undefined;
    await handle?.close().catch(() => undefined);
  }
}

async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const buf = Buffer.alloc(1);
  await handle.read(buf, 0, 1, size - 1);
  return buf[0] === 0x0a;
}
