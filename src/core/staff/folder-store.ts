/**
 * The content store on disk (local use): under <dir> (DATA_DIR/content), versions/<id>.json,
 * files/<sha256> and live.json. Every file is written to a temporary name and renamed,
 * so a reader sees the old or the new file, never half of one. One process owns the
 * folder; the pointer is compared and replaced one call at a time.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashText, type ContentFiles } from './entry-index';
import { FILE_HASH, VERSION_ID, versionInfo, type ContentStore, type LivePointer, type StoredVersion, type VersionInfo } from './content-store';

export class FolderContentStore implements ContentStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  get where(): string {
    return `files under ${this.dir}`;
  }

  async readLive(): Promise<{ pointer: LivePointer; tag: string } | undefined> {
    const text = await readOptional(path.join(this.dir, 'live.json'));
    if (text === undefined) return undefined;
    const pointer = JSON.parse(text) as LivePointer;
    return { pointer, tag: hashText(text) };
  }

  async liveTag(): Promise<string | undefined> {
    return (await this.readLive())?.tag;
  }

  swapLive(pointer: LivePointer, ifMatch: string | undefined): Promise<boolean> {
    // One compare-and-replace at a time, so two publishes in this process cannot both win.
    const run = this.queue.then(async () => {
      const current = await this.readLive();
      if (current?.tag !== ifMatch) return false;
      await atomicWrite(path.join(this.dir, 'live.json'), `${JSON.stringify(pointer, null, 2)}\n`);
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async putVersion(version: StoredVersion, files: ContentFiles): Promise<void> {
    await mkdir(path.join(this.dir, 'files'), { recursive: true });
    await mkdir(path.join(this.dir, 'versions'), { recursive: true });
    for (const [name, hash] of Object.entries(version.manifest)) {
      const target = path.join(this.dir, 'files', hash);
      if ((await readOptional(target)) === undefined) await atomicWrite(target, files[name] ?? '');
    }
    if (!VERSION_ID.test(version.id)) throw new Error(`bad version id ${version.id}`);
    await atomicWrite(path.join(this.dir, 'versions', `${version.id}.json`), `${JSON.stringify(version, null, 2)}\n`);
  }

  async readVersion(id: string): Promise<StoredVersion | undefined> {
    if (!VERSION_ID.test(id)) return undefined;
    const text = await readOptional(path.join(this.dir, 'versions', `${id}.json`));
    return text === undefined ? undefined : (JSON.parse(text) as StoredVersion);
  }

  async readFiles(manifest: Record<string, string>): Promise<ContentFiles> {
    const entries = await Promise.all(
      Object.entries(manifest).map(async ([name, hash]) => {
        if (!FILE_HASH.test(hash)) throw new Error(`bad file hash ${hash}`);
        return [name, await readFile(path.join(this.dir, 'files', hash), 'utf8')] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async listVersions(): Promise<VersionInfo[]> {
    let names: string[];
    try {
      names = await readdir(path.join(this.dir, 'versions'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const ids = names.map((name) => name.replace(/\.json$/, '')).filter((id) => VERSION_ID.test(id)).sort().reverse();
    const versions = await Promise.all(ids.map((id) => this.readVersion(id)));
    return versions.filter((version): version is StoredVersion => version !== undefined).map(versionInfo);
  }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes beside the target and renames over it: readers see the old or the new file whole. */
export async function atomicWrite(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}
