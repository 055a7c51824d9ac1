/**
 * Where each entry is written in a set of knowledge files, and its version: a hash of the
 * entry's own YAML text. An edit to one entry leaves every other entry's version as it
 * was, so staff editing different entries never conflict.
 */
import { createHash } from 'node:crypto';
import { isMap, isSeq, parseDocument } from 'yaml';
import { NON_ENTRY_FILES } from '../knowledge/loader';

/** Knowledge files by name (pn.yaml -> its text): one content version's knowledge folder. */
export type ContentFiles = Readonly<Record<string, string>>;

export interface EntryPlace {
  id: string;
  file: string;
  /** Position in the file's `entries` list. */
  index: number;
  /** Hash of the entry's YAML text (16 hex digits). */
  version: string;
  /** The entry's YAML text, for showing both sides of a conflict. */
  text: string;
}

/** A file name that may hold content: lower-case letters, digits and dashes, .yaml. Nothing else is ever written. */
export function isContentFileName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,63}\.ya?ml$/.test(name);
}

export function isEntryFile(name: string): boolean {
  return isContentFileName(name) && !NON_ENTRY_FILES.has(name);
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Every entry of the files that parse, by id (the first one when an id is written twice). */
export function indexEntries(files: ContentFiles): Map<string, EntryPlace> {
  const places = new Map<string, EntryPlace>();
  for (const file of Object.keys(files).sort()) {
    if (!isEntryFile(file)) continue;
    const text = files[file] ?? '';
    const doc = parseDocument(text);
    if (doc.errors.length > 0) continue;
    const list = doc.get('entries', true);
    if (!isSeq(list)) continue;
    list.items.forEach((item, index) => {
      if (!isMap(item) || !item.range) return;
      const id: unknown = item.get('id');
      if (typeof id !== 'string' || places.has(id)) return;
      const own = text.slice(item.range[0], item.range[2]);
      places.set(id, { id, file, index, version: hashText(own).slice(0, 16), text: own });
    });
  }
  return places;
}
