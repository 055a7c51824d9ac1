/**
 * Where content versions live: immutable snapshots (a manifest of file hashes, the texts
 * stored once by hash) and one pointer to the live version, replaced only if it has not
 * moved since it was read (an eTag in Blob storage, a compare under a lock on disk). Two
 * stores: files under DATA_DIR (local) and a Blob container shared by every instance.
 */
import type { ContentFiles } from './entry-index';

export type VersionKind =
  /** The first version, from the files the bot started with. */
  | 'seed'
  /** A staff edit through the console or the API. */
  | 'edit'
  /** A new version equal to an earlier one. */
  | 'undo'
  /** The files on disk were changed by hand (a developer, `git pull`): recorded as found. */
  | 'files'
  /** A new image brought developer changes to files staff had not touched. */
  | 'image'
  /** Staff settled a file both sides changed. */
  | 'resolve';

export interface VersionInfo {
  /** v<yyyymmddHHMMssSSS>-<8 hex>: sorts by time, safe as a file or blob name. */
  id: string;
  parent?: string;
  createdAt: string;
  /** Who: `tid:oid`, `token`, `files` or `image`. Never an e-mail or a student's data. */
  actor: string;
  kind: VersionKind;
  note?: string;
  /** Entries the change touched. */
  entries: string[];
  /** Files that differ from the parent. */
  changedFiles: string[];
  /** For an undo: the version it restores. */
  restores?: string;
}

export interface StoredVersion extends VersionInfo {
  /** File name -> sha256 of its text. */
  manifest: Record<string, string>;
}

/** A file that both a new image and staff changed since the image before: kept as staff have it until resolved. */
export interface FileConflict {
  file: string;
  /** Hashes of the file in the image content that the live content came from, in the new image, and live. */
  base?: string;
  image?: string;
  live?: string;
}

export interface LivePointer {
  version: string;
  /** Hash of the image's content that the live content was last merged with (Blob store). */
  image?: string;
  /** Every image content seen, so an older instance during a rolling deploy does not merge back. */
  images?: string[];
  conflicts?: FileConflict[];
  updatedAt: string;
}

/** The knowledge files an image (a build of the bot) brought, kept so a later image can be merged three ways. */
export interface ImageSnapshot {
  /** i<sha256 of the manifest, 16 hex>. */
  id: string;
  manifest: Record<string, string>;
  firstSeen: string;
}

export interface ContentStore {
  /** Human-readable: "files under data/content" or "Blob container content". */
  readonly where: string;
  /** The pointer and its tag (for swapLive), or undefined before the first version. */
  readLive(): Promise<{ pointer: LivePointer; tag: string } | undefined>;
  /** A cheap look at the pointer's tag, for polling. */
  liveTag(): Promise<string | undefined>;
  /** Replaces the pointer if its tag is still `ifMatch` (undefined: only if there is none yet); false when it moved. */
  swapLive(pointer: LivePointer, ifMatch: string | undefined): Promise<boolean>;
  /** Stores a version and its file texts; a version is written once and never changed. */
  putVersion(version: StoredVersion, files: ContentFiles): Promise<void>;
  readVersion(id: string): Promise<StoredVersion | undefined>;
  /** Image snapshots (Blob store; the folder store keeps none: locally git is the image). */
  putImage?(image: ImageSnapshot, files: ContentFiles): Promise<void>;
  readImage?(id: string): Promise<ImageSnapshot | undefined>;
  /** The texts of a manifest. */
  readFiles(manifest: Record<string, string>): Promise<ContentFiles>;
  /** Every version, newest first. */
  listVersions(): Promise<VersionInfo[]>;
}

export const VERSION_ID = /^v\d{17}-[0-9a-f]{8}$/;
export const FILE_HASH = /^[0-9a-f]{64}$/;
export const IMAGE_ID = /^i[0-9a-f]{16}$/;

/** A version without its manifest, as history lists it. */
export function versionInfo(version: StoredVersion): VersionInfo {
  const info: VersionInfo & { manifest?: unknown } = { ...version };
  delete info.manifest;
  return info;
}
