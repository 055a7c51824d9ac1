/**
 * Maps a path inside a parsed YAML document (['steps', 2, 'prompt', 'en']) to the
 * line and column staff see in their editor.
 */
import { isMap, isNode, isScalar, LineCounter, type Document, type Node } from 'yaml';
import type { IssuePath } from './cross-checks';

export interface Position {
  line: number;
  column: number;
}

/**
 * The position of the node at `path`, or of the nearest existing parent when the
 * path points at something missing (a missing field is reported where its parent starts).
 * `key` points at the key of a field rather than its value (for unknown fields).
 */
export function positionOf(doc: Document, lines: LineCounter, path: IssuePath, key?: string): Position {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (!isNode(node)) continue;
    const offset = key !== undefined && depth === path.length ? keyOffset(node, key) ?? startOf(node) : startOf(node);
    return toPosition(lines, offset);
  }
  return { line: 1, column: 1 };
}

export function toPosition(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function startOf(node: Node): number {
  return node.range?.[0] ?? 0;
}

function keyOffset(node: Node, key: string): number | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}
