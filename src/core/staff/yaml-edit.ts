/**
 * Writes a staff edit back into the YAML text that staff and developers already know:
 * the yaml library's Document API builds the new value (keeping each scalar's quoting,
 * flow or block style and its comments), and only the edited field's lines are replaced
 * in the original text, so `git diff` shows the entry's changed lines and nothing else.
 * The result is parsed again and must hold exactly the intended data with every comment
 * kept; otherwise the whole document is written by the Document API instead.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, visit, type Node } from 'yaml';

export type YamlPath = ReadonlyArray<string | number>;

/** Set the value at `path` (a map key; the map itself must exist), or remove it with `undefined`. */
export interface YamlSet {
  path: YamlPath;
  value: unknown;
  /** Write new strings unquoted (ids, source codes, dates) instead of in double quotes. */
  plain?: boolean;
}

export class YamlEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlEditError';
  }
}

/** Applies the edits one after another; throws YamlEditError when a path does not lead to a map. */
export function editYaml(text: string, edits: readonly YamlSet[]): string {
  let current = text;
  for (const edit of edits) current = editOne(current, edit);
  return current;
}

function editOne(text: string, edit: YamlSet): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new YamlEditError(`the file does not parse: ${doc.errors[0]?.message ?? ''}`);
  const expected = setPlain(doc.toJS() as unknown, edit.path, edit.value);
  const spliced = splice(text, doc, edit);
  if (spliced !== undefined && holds(spliced, expected, text)) return spliced;
  // The careful way failed (an unusual layout): the Document API writes the whole file, still keeping comments.
  const whole = parseDocument(text);
  if (edit.value === undefined) whole.deleteIn(edit.path);
  else whole.setIn(edit.path, buildNode(whole.getIn(edit.path, true), edit.value, edit.plain ?? false));
  const written = whole.toString({ lineWidth: 0 });
  if (holds(written, expected, text)) return written;
  throw new YamlEditError(`could not write ${edit.path.join('.')}`);
}

/** Parses to exactly `expected` and keeps every comment line of `original` (unless its field was removed). */
function holds(text: string, expected: unknown, original: string): boolean {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isDeepStrictEqual(doc.toJS(), expected)) return false;
  const comments = (source: string) => source.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('#'));
  const now = comments(text);
  return comments(original).every((line) => now.includes(line));
}

function setPlain(root: unknown, path: YamlPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setPlain(copy[head as number], rest, value);
    return copy;
  }
  const copy = { ...(root as Record<string, unknown>) };
  if (rest.length === 0 && value === undefined) delete copy[head];
  else copy[head] = setPlain(copy[head], rest, value);
  return copy;
}

/** Replaces (or inserts, or removes) the one `key: value` pair in the original text; undefined when the layout is not one it knows. */
function splice(text: string, doc: Document, edit: YamlSet): string | undefined {
  const key = edit.path[edit.path.length - 1];
  const parent = doc.getIn(edit.path.slice(0, -1), true);
  if (typeof key !== 'string') return undefined;
  if (!isMap(parent)) throw new YamlEditError(`${edit.path.slice(0, -1).join('.')} is not a group of fields`);
  if (parent.flow) return undefined;
  const pairs = parent.items;
  const index = pairs.findIndex((pair) => isScalar(pair.key) && pair.key.value === key);
  const pair = pairs[index];
  if (pair) {
    const keyNode = pair.key as Scalar;
    const start = keyNode.range?.[0];
    const end = pairEnd(text, pair);
    if (start === undefined || end === undefined) return undefined;
    const column = start - lineStart(text, start);
    if (edit.value === undefined) {
      // The first field of a list item shares its line with "- ": it is never removed this way.
      if (text.slice(lineStart(text, start), start).trim() !== '') return undefined;
      return text.slice(0, lineStart(text, start)) + text.slice(end);
    }
    const written = writePair(key, buildNode(pair.value, edit.value, edit.plain ?? false), column, text.slice(start, end));
    return text.slice(0, start) + written + text.slice(end);
  }
  if (edit.value === undefined) return text;
  const last = pairs[pairs.length - 1];
  const first = pairs[0]?.key as Scalar | undefined;
  const firstStart = first?.range?.[0];
  const end = last ? pairEnd(text, last) : undefined;
  if (firstStart === undefined || end === undefined) return undefined;
  const column = firstStart - lineStart(text, firstStart);
  const written = writePair(key, buildNode(undefined, edit.value, edit.plain ?? false), column, '');
  return text.slice(0, end) + ' '.repeat(column) + written + text.slice(end);
}

/** Where a pair's text ends: after the newline that ends its value and any comment trailing it. */
function pairEnd(text: string, pair: Pair): number | undefined {
  const value = pair.value as Node | null;
  const end = value?.range?.[2] ?? (pair.key as Node | null)?.range?.[2];
  if (end === undefined) return undefined;
  if (end > 0 && text[end - 1] === '\n') return end;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** `key: value` as the Document API writes it, indented to `column`, ending with a newline. */
function writePair(key: string, value: Node, column: number, previous: string): string {
  const doc = new Document(new YAMLMap());
  (doc.contents as YAMLMap).items.push(new Pair(new Scalar(key), value));
  const padded = /[[{] /.test(previous) || (previous === '' ? false : undefined);
  const written = doc.toString({ lineWidth: 0, flowCollectionPadding: padded ?? false });
  const indent = ' '.repeat(column);
  return written
    .replace(/\n$/, '')
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : indent + line))
    .join('\n')
    .concat('\n');
}

/**
 * The new value as a node, reusing the old node's parts where the value is unchanged (so
 * their comments stay) and the old style where it changed: quotes, flow lists, block text.
 */
export function buildNode(old: unknown, value: unknown, plain: boolean): Node {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    const oldItems = isSeq(old) ? (old.items as unknown[]) : [];
    if (isSeq(old)) {
      seq.flow = old.flow ?? false;
      seq.comment = old.comment;
      seq.commentBefore = old.commentBefore;
    } else {
      seq.flow = plain;
    }
    const sibling = oldItems.find((node): node is Node => isScalar(node) || isMap(node));
    const used = new Set<unknown>();
    for (const item of value) {
      const same = oldItems.find((node) => !used.has(node) && isDeepStrictEqual(plainOf(node), item));
      if (same !== undefined) {
        used.add(same);
        seq.items.push(same);
      } else {
        seq.items.push(buildNode(sibling ? withoutComments(sibling) : undefined, item, plain));
      }
    }
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = new YAMLMap();
    if (isMap(old)) {
      map.flow = old.flow ?? false;
      map.comment = old.comment;
      map.commentBefore = old.commentBefore;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      const oldPair = isMap(old) ? old.items.find((pair) => isScalar(pair.key) && pair.key.value === key) : undefined;
      const oldValue = oldPair?.value;
      const node = oldValue !== undefined && isDeepStrictEqual(plainOf(oldValue), item) ? (oldValue as Node) : buildNode(oldValue, item, plain);
      map.items.push(new Pair(oldPair?.key ?? new Scalar(key), node));
    }
    return map;
  }
  const scalar = new Scalar(value);
  if (typeof value === 'string') {
    if (value.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
    else if (isScalar(old) && old.type && old.type !== Scalar.BLOCK_LITERAL && old.type !== Scalar.BLOCK_FOLDED) scalar.type = old.type;
    else scalar.type = plain ? Scalar.PLAIN : Scalar.QUOTE_DOUBLE;
  }
  if (isScalar(old)) {
    scalar.comment = old.comment;
    scalar.commentBefore = old.commentBefore;
  }
  return scalar;
}

function plainOf(node: unknown): unknown {
  return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

/** A sibling's style without its comments, for a new item of the same list. */
function withoutComments(node: Node): Node {
  // clone() is typed as the base class; it returns a node of the same kind.
  const copy = node.clone() as Node;
  visit(copy, (_key, item) => {
    if (isScalar(item) || isMap(item) || isSeq(item)) {
      item.comment = undefined;
      item.commentBefore = undefined;
    }
  });
  return copy;
}
