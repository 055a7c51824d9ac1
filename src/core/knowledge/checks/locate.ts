/**
 * Finds the line of any value inside an entry (one alternate, `reviewed`, ...) so a
 * finding points staff at the exact line to change, not only at the entry's first line.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { KnowledgeEntry } from '../types';
import type { Locator } from './types';

export interface LocatableFile {
  /** The name shown to staff (knowledge/pn.yaml), as the loader reports it. */
  display: string;
  text: string;
}

/**
 * A locator over the knowledge files. Values it cannot find fall back to the nearest
 * existing parent, then to the entry's own line (from the loader).
 */
export function buildLocator(files: LocatableFile[], entries: KnowledgeEntry[]): Locator {
  const byId = new Map<string, { file: string; node: Node; lines: LineCounter }>();
  for (const file of files) {
    const lines = new LineCounter();
    const doc = parseDocument(file.text, { lineCounter: lines });
    const list: unknown = doc.get('entries', true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const id = item.get('id');
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, { file: file.display, node: item, lines });
    }
  }
  const known = new Map(entries.map((entry) => [entry.id, entry.location]));
  return (entryId, path) => {
    const found = byId.get(entryId);
    if (!found) return known.get(entryId) ?? { file: '?', line: 0 };
    let node: Node = found.node;
    for (const key of path) {
      if (!isMap(node) && !isSeq(node)) break;
      const child: unknown = node.get(key, true);
      if (!child || typeof child !== 'object' || !('range' in child)) break;
      node = child as Node;
    }
    const offset = node.range?.[0] ?? 0;
    return { file: found.file, line: found.lines.linePos(offset).line };
  };
}

/** The loader's own entry lines, for callers without the file texts. */
export function entryLocator(entries: KnowledgeEntry[]): Locator {
  const known = new Map(entries.map((entry) => [entry.id, entry.location]));
  return (entryId) => known.get(entryId) ?? { file: '?', line: 0 };
}
