/**
 * The live content and its versions over a ContentStore. `head()` is what is live now
 * (its version, files and pointer tag); `commit()` stores a new version and moves the
 * pointer only if nobody else moved it since that head was read.
 *
 * With a `folder` (local use) the knowledge folder is the truth: a commit writes the
 * changed files into it, and files changed by hand since the last version (a developer,
 * `git pull`) are first recorded as a version of their own, so history misses nothing.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from './folder-store';
import { hashText, isContentFileName, type ContentFiles } from './entry-index';
import type { ContentStore, ImageSnapshot, LivePointer, StoredVersion, VersionInfo } from './content-store';

export interface Head {
  pointer: LivePointer;
  tag: string;
  version: StoredVersion;
  files: ContentFiles;
}

export type NewVersion = Pick<VersionInfo, 'actor' | 'kind' | 'entries'> & Partial<Pick<VersionInfo, 'note' | 'restores'>>;

export interface ContentRepositoryOptions {
  store: ContentStore;
  /** Local use: the knowledge folder that holds the live files. */
  folder?: string;
  /** The files to start from when the store is empty and there is no folder (the image's own files). */
  seed?: () => Promise<ContentFiles>;
  now?: () => Date;
}

export function manifestOf(files: ContentFiles): Record<string, string> {
  return Object.fromEntries(Object.keys(files).sort().map((name) => [name, hashText(files[name] ?? '')]));
}

export function sameManifest(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The knowledge files of a folder (content file names only). */
export async function readContentFolder(dir: string): Promise<ContentFiles> {
  const names = (await readdir(dir)).filter(isContentFileName).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(dir, name), 'utf8')] as const)));
}

export class ContentRepository {
  private readonly filesCache = new Map<string, ContentFiles>();

  constructor(private readonly options: ContentRepositoryOptions) {}

  get store(): ContentStore {
    return this.options.store;
  }

  /** What is live now. Creates the first version when the store is empty (racing instances: one wins, the others read it). */
  async head(): Promise<Head> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const live = await this.store.readLive();
      const folder = this.options.folder;
      if (!live) {
        if (folder) {
          await this.commitFiles(undefined, await readContentFolder(folder), { actor: 'files', kind: 'seed', entries: [] }, {});
          continue;
        }
        const files = (await this.options.seed?.()) ?? {};
        const image = imageOf(files, this.now());
        await this.store.putImage?.(image, files);
        await this.commitFiles(undefined, files, { actor: 'image', kind: 'seed', entries: [] }, { image: image.id, images: [image.id] });
        continue;
      }
      const version = await this.store.readVersion(live.pointer.version);
      if (!version) throw new Error(`the live content version ${live.pointer.version} is missing from ${this.store.where}`);
      if (folder) {
        const files = await readContentFolder(folder);
        if (!sameManifest(manifestOf(files), version.manifest)) {
          // Changed by hand since the last version: recorded as found, before anything is built on it.
          await this.commitFiles({ pointer: live.pointer, tag: live.tag, version, files: {} }, files, { actor: 'files', kind: 'files', entries: [] }, {});
          continue;
        }
        return { ...live, version, files };
      }
      return { ...live, version, files: await this.filesOf(version) };
    }
    throw new Error(`the live content pointer in ${this.store.where} keeps moving`);
  }

  /** The live version and its ancestors, newest first: what staff see as the history. */
  async lineage(limit: number): Promise<StoredVersion[]> {
    const live = await this.store.readLive();
    const versions: StoredVersion[] = [];
    let id: string | undefined = live?.pointer.version;
    while (id && versions.length < limit) {
      const version = await this.store.readVersion(id);
      if (!version) break;
      versions.push(version);
      id = version.parent;
    }
    return versions;
  }

  async filesOf(version: StoredVersion): Promise<ContentFiles> {
    const cached = this.filesCache.get(version.id);
    if (cached) return cached;
    const files = await this.store.readFiles(version.manifest);
    this.filesCache.set(version.id, files);
    if (this.filesCache.size > 8) this.filesCache.delete(this.filesCache.keys().next().value as string);
    return files;
  }

  /** Replaces the pointer's other fields (image, conflicts) and keeps its version; false when it moved. */
  async movePointer(head: Head, pointer: Partial<LivePointer>): Promise<boolean> {
    return this.store.swapLive({ ...head.pointer, ...pointer, version: head.version.id, updatedAt: this.now().toISOString() }, head.tag);
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Stores `files` as a new version after `head` and makes it live; undefined when the
   * pointer moved meanwhile (then nothing is live that was not before: read the head again).
   */
  async commit(head: Head, files: ContentFiles, info: NewVersion, pointer: Partial<LivePointer> = {}): Promise<StoredVersion | undefined> {
    return this.commitFiles(head, files, info, pointer);
  }

  private async commitFiles(head: Head | undefined, files: ContentFiles, info: NewVersion, pointer: Partial<LivePointer>): Promise<StoredVersion | undefined> {
    const now = this.now().toISOString();
    const manifest = manifestOf(files);
    const before = head?.version.manifest ?? {};
    const changedFiles = [...new Set([...Object.keys(manifest), ...Object.keys(before)])].filter((name) => manifest[name] !== before[name]).sort();
    const stamp = now.replace(/[-:T.]/g, '').slice(0, 17);
    const id = `v${stamp}-${hashText(JSON.stringify({ manifest, parent: head?.version.id, now, info })).slice(0, 8)}`;
    const version: StoredVersion = {
      id,
      ...(head ? { parent: head.version.id } : {}),
      createdAt: now,
      ...info,
      changedFiles,
      manifest,
    };
    await this.store.putVersion(version, files);
    const folder = this.options.folder;
    // Versions recorded from the folder are already in it.
    if (folder && info.kind !== 'files' && info.kind !== 'seed') await writeFolder(folder, files, changedFiles);
    const next: LivePointer = { ...(head?.pointer ?? {}), ...pointer, version: id, updatedAt: now };
    const swapped = await this.store.swapLive(next, head?.tag);
    if (!swapped) return undefined;
    this.filesCache.set(id, files);
    return version;
  }
}

/** Writes the changed files (each whole, by rename) and removes those no longer in the version. */
async function writeFolder(dir: string, files: ContentFiles, changed: string[]): Promise<void> {
  for (const name of changed) {
    if (!isContentFileName(name)) continue;
    const text = files[name];
    if (text === undefined) await rm(path.join(dir, name), { force: true });
    else await atomicWrite(path.join(dir, name), text);
  }
}

/** The snapshot of an image's knowledge files: its id is a hash of their hashes, the same on every instance of one build. */
export function imageOf(files: ContentFiles, now: Date): ImageSnapshot {
  const manifest = manifestOf(files);
  return { id: `i${hashText(JSON.stringify(manifest)).slice(0, 16)}`, manifest, firstSeen: now.toISOString() };
}
