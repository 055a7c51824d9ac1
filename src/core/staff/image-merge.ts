/**
 * A new image (a redeploy) meets content that staff edited in production. Three ways,
 * file by file, against the image content the live content last came from:
 * - a file staff have not touched takes the new image's version (developer fixes arrive);
 * - a file the new image did not change stays as staff have it;
 * - a file both changed stays as staff have it and is listed as a conflict, which the
 *   console shows as a three-way diff to resolve. A redeploy never silently wipes staff edits.
 * Each image is merged once: an older instance still running during a rolling deploy
 * finds its image already seen and changes nothing.
 */
import type { ContentChecker } from './check-files';
import { imageOf, type ContentRepository } from './content-repository';
import type { FileConflict } from './content-store';
import { hashText, type ContentFiles } from './entry-index';

export interface ImageMerge {
  files: ContentFiles;
  /** Files that took the new image's version. */
  updated: string[];
  /** Files both sides changed (kept as live has them). */
  conflicts: string[];
}

/** Pure: the merged files. Without a base every difference is a conflict (nothing is known to be untouched). */
export function mergeImage(base: ContentFiles | undefined, image: ContentFiles, live: ContentFiles): ImageMerge {
  const files: Record<string, string> = {};
  const updated: string[] = [];
  const conflicts: string[] = [];
  for (const name of [...new Set([...Object.keys(image), ...Object.keys(live), ...Object.keys(base ?? {})])].sort()) {
    const before = base?.[name];
    const theirs = image[name];
    const ours = live[name];
    let kept = ours;
    if (ours !== theirs) {
      if (base !== undefined && ours === before) {
        kept = theirs;
        updated.push(name);
      } else if (base === undefined || theirs !== before) {
        conflicts.push(name);
      }
    }
    if (kept !== undefined) files[name] = kept;
  }
  return { files, updated, conflicts };
}

export interface FollowImageResult {
  image: string;
  /** False when this image was merged before (by this or another instance). */
  merged: boolean;
  updated: string[];
  conflicts: string[];
}

/** Merges the image's files into the live content once per image; retries when another instance moves the pointer meanwhile. */
export async function followImage(repository: ContentRepository, imageFiles: ContentFiles, check: ContentChecker): Promise<FollowImageResult> {
  const image = imageOf(imageFiles, repository.now());
  const store = repository.store;
  for (let attempt = 0; attempt < 5; attempt++) {
    const head = await repository.head();
    if (head.pointer.image === image.id || head.pointer.images?.includes(image.id)) return { image: image.id, merged: false, updated: [], conflicts: [] };
    await store.putImage?.(image, imageFiles);
    const baseSnapshot = head.pointer.image ? await store.readImage?.(head.pointer.image) : undefined;
    const base = baseSnapshot ? await store.readFiles(baseSnapshot.manifest) : undefined;
    let merge = mergeImage(base, imageFiles, head.files);
    if (merge.updated.length > 0 && (await check(merge.files)).some((finding) => finding.severity === 'error')) {
      // The developer's files do not pass the checks with staff's: nothing changes, and staff see each file to settle.
      merge = { files: head.files, updated: [], conflicts: [...merge.conflicts, ...merge.updated].sort() };
    }
    const hashOf = (files: ContentFiles | undefined, name: string) => (files?.[name] === undefined ? undefined : hashText(files[name] ?? ''));
    const fresh: FileConflict[] = merge.conflicts.map((file) => ({
      file,
      ...(hashOf(base, file) ? { base: hashOf(base, file) } : {}),
      ...(hashOf(imageFiles, file) ? { image: hashOf(imageFiles, file) } : {}),
      ...(hashOf(head.files, file) ? { live: hashOf(head.files, file) } : {}),
    }));
    const conflicts = [...(head.pointer.conflicts ?? []).filter((old) => !merge.conflicts.includes(old.file)), ...fresh];
    const pointer = { image: image.id, images: [...(head.pointer.images ?? []), image.id].slice(-50), conflicts };
    const moved =
      merge.updated.length > 0
        ? (await repository.commit(head, merge.files, { actor: 'image', kind: 'image', entries: [], note: `new image: ${merge.updated.join(', ')}` }, pointer)) !== undefined
        : await repository.movePointer(head, pointer);
    if (moved) return { image: image.id, merged: true, updated: merge.updated, conflicts: merge.conflicts };
  }
  throw new Error(`the live content pointer in ${store.where} keeps moving`);
}
