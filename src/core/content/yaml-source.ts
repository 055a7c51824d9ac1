/**
 * Reads a staff-edited YAML file against a zod schema and reports every problem with the
 * file, line and column, in words a non-developer understands. Shared by the knowledge
 * base and the lexicon so staff see one style of error everywhere.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';

export interface ContentProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** For YAML syntax errors: the yaml library's code and first line, so staff tools can explain them in their own words. */
  syntax?: { code: string; detail: string };
}

/** Thrown when content cannot be used; `message` lists every problem as file:line:column. */
export class ContentError extends Error {
  constructor(
    readonly problems: ContentProblem[],
    what = 'content',
  ) {
    super(`${what} has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
  }
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

export type YamlPath = ReadonlyArray<string | number>;

export interface ParsedYaml<T> {
  value: T;
  /** Line and column where the value at `path` starts (the nearest existing parent when absent). */
  positionOf(path: YamlPath): { line: number; column: number };
}

export type ParseResult<T> = { ok: true; parsed: ParsedYaml<T> } | { ok: false; problems: ContentProblem[] };

export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): ParseResult<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        const detail = error.message.split('\n')[0];
        return { file, line, column: col, message: describeSyntaxError(error.code, error.message), syntax: { code: error.code, detail } };
      }),
    };
  }
  const positionOf = (path: YamlPath) => positionIn(doc, lineCounter, path);
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({ file, ...positionOf(issuePath(issue)), message: describeIssue(issue) })),
    };
  }
  return { ok: true, parsed: { value: result.data, positionOf } };
}

/** An unknown field is reported where that field is written, not at its parent. */
function issuePath(issue: z.core.$ZodIssue): YamlPath {
  const path = issue.path as YamlPath;
  return issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]] : path;
}

function positionIn(doc: Document, lineCounter: LineCounter, path: YamlPath): { line: number; column: number } {
  let node: unknown = doc.contents;
  let best: Node | null = isMap(node) || isSeq(node) ? (node as Node) : null;
  for (const key of path) {
    if (!isMap(node) && !isSeq(node)) break;
    const child: unknown = node.get(key, true);
    if (child === undefined) {
      // A missing key: point at the key's parent, which is where it should be written.
      break;
    }
    node = child;
    if (child && typeof child === 'object' && 'range' in child) best = child as Node;
  }
  const offset = best?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function describeSyntaxError(code: string, raw: string): string {
  const first = raw.split('\n')[0];
  if (code === 'DUPLICATE_KEY') return `the same field is written twice here (${first})`;
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return `YAML layout problem: check the indentation and quotes (${first})`;
  return `YAML syntax error: ${first}`;
}

type Issue = z.core.$ZodIssue;

function fieldName(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return last === undefined ? 'the file' : typeof last === 'number' ? `item ${last + 1}` : `"${String(last)}"`;
}

/** Turns a zod issue into a sentence about the YAML, not about TypeScript. */
export function describeIssue(issue: Issue): string {
  const name = fieldName(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.includes('received undefined')) return `${name} is missing`;
      return `${name} should be ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (check the spelling)`;
    case 'too_small':
      if (issue.origin === 'array') return `${name} needs at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return `${name} must not be empty`;
      return `${name} is too small (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return `${name} is too long (maximum ${String(issue.maximum)})`;
    case 'invalid_format':
    case 'custom':
      // Our own rules are written to follow the field name: "url" must be a full web address ...
      return `${name} ${issue.message}`;
    case 'invalid_value':
      return `${name} must be one of: ${issue.values.map((value) => String(value)).join(', ')}`;
    default:
      return `${name}: ${issue.message}`;
  }
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a group of fields';
  if (expected === 'string') return 'a text';
  return `a ${expected}`;
}
