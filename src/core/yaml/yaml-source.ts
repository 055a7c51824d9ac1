/**
 * Reads a staff-edited YAML file against a zod schema and reports every problem with the
 * file, line and column, in words a non-developer understands. Shared by the knowledge
 * base, the lexicon and the dialogs so staff see one style of error everywhere.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLParseError, type Document, type Node, type YAMLError } from 'yaml';
import type { z } from 'zod';

export interface ContentProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** For YAML syntax errors: the yaml library's code and first line, so staff tools can explain them in their own words. */
  syntax?: {
    code: string;
    detail: string;
    /** Where the yaml library noticed it, when `line` points elsewhere (an unclosed quote: `line` is where it opened). */
    noticedAt?: number;
  };
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

export interface Position {
  line: number;
  column: number;
}

/** A YAML file that parsed: its plain value, and where any part of it is written. */
export interface YamlDocument {
  data: unknown;
  /**
   * Line and column where the value at `path` starts (the nearest existing parent when
   * absent: a missing field is reported where it should be written). With `key`, the
   * position of that field's key inside the map at `path` (for unknown fields).
   */
  positionOf(path: YamlPath, key?: string): Position;
  /** A problem placed at `path`, for checks made after parsing. */
  locate(path: YamlPath, message: string, key?: string): ContentProblem;
}

export type DocumentResult = { ok: true; doc: YamlDocument } | { ok: false; problems: ContentProblem[] };

/**
 * The one YAML reader for staff-edited files (knowledge base, lexicon, dialogs): syntax
 * errors in plain words at the place to fix them, and positions for later checks. Only the
 * first syntax error is reported: later ones almost always follow from it.
 */
export function readYamlDocument(file: string, text: string): DocumentResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) return { ok: false, problems: [syntaxProblem(file, text, lineCounter, firstError)] };
  const aliasError = aliasProblem(doc);
  if (aliasError) return { ok: false, problems: [syntaxProblem(file, text, lineCounter, aliasError)] };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // An alias the checks above did not catch (yaml also refuses too many aliases: a resource attack).
    return { ok: false, problems: [syntaxProblem(file, text, lineCounter, new YAMLParseError([0, 0], 'BAD_ALIAS', String(error instanceof Error ? error.message : error)))] };
  }
  const positionOf = (path: YamlPath, key?: string) => positionIn(doc, lineCounter, path, key);
  return {
    ok: true,
    doc: {
      data,
      positionOf,
      locate: (path, message, key) => ({ file, ...positionOf(path, key), message }),
    },
  };
}

export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): ParseResult<z.output<S>> {
  const read = readYamlDocument(file, text);
  if (!read.ok) return read;
  const { doc } = read;
  const result = schema.safeParse(doc.data);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => {
        // An unknown field is reported where that field is written, not at its parent.
        const key = unknownKey(issue);
        return doc.locate(key === undefined ? (issue.path as YamlPath) : [...(issue.path as YamlPath), key], describeIssue(issue));
      }),
    };
  }
  return { ok: true, parsed: { value: result.data, positionOf: (path) => doc.positionOf(path) } };
}

/** The unknown field a zod issue names, if any. */
export function unknownKey(issue: z.core.$ZodIssue): string | undefined {
  return issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
}

function positionIn(doc: Document, lineCounter: LineCounter, path: YamlPath, key?: string): Position {
  let node: unknown = doc.contents;
  let best: Node | null = isMap(node) || isSeq(node) ? (node as Node) : null;
  let complete = true;
  for (const step of path) {
    if (!isMap(node) && !isSeq(node)) {
      complete = false;
      break;
    }
    const child: unknown = node.get(step, true);
    if (child === undefined) {
      complete = false;
      break;
    }
    node = child;
    if (child && typeof child === 'object' && 'range' in child) best = child as Node;
  }
  let offset = best?.range?.[0] ?? 0;
  if (key !== undefined && complete && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

const PLAIN_SYNTAX: Record<string, string> = {
  BAD_INDENT: 'the indentation is wrong here: items that belong together must start with the same number of spaces',
  TAB_AS_INDENT: 'use spaces, not tabs, to indent',
  DUPLICATE_KEY: 'this field appears twice in the same group; keep only one',
  MULTILINE_IMPLICIT_KEY: 'a line is missing its ":" or is indented wrongly',
  BLOCK_AS_IMPLICIT_KEY: 'a line is missing its ":" or is indented wrongly',
  MISSING_CHAR: 'something is not closed here (a bracket or a quote)',
  BAD_ALIAS: 'a "*name" refers to a "&name" that is not set above it; write the value out instead',
};

/**
 * An alias ("*name") whose anchor ("&name") is not set before it: yaml parses the file without an
 * error and only throws when the value is read, so a staff edit would crash the reader instead of
 * being reported at its line.
 */
function aliasProblem(doc: Document): YAMLError | undefined {
  let problem: YAMLError | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (!isAlias(node) || node.resolve(doc) !== undefined) return undefined;
      const start = node.range?.[0] ?? 0;
      problem = new YAMLParseError([start, node.range?.[1] ?? start], 'BAD_ALIAS', `Unresolved alias (the anchor must be set before the alias): ${node.source}`);
      return visit.BREAK;
    },
  });
  return problem;
}

function syntaxProblem(file: string, source: string, lineCounter: LineCounter, error: YAMLError): ContentProblem {
  const detail = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
  const quote = error.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(detail)?.[1] : undefined;
  // yaml reports an unclosed quote where the file ends; staff need the line where it was opened.
  const offset = quote ? (openingQuote(source, error.pos[0], quote) ?? error.pos[0]) : error.pos[0];
  const message = quote ? `this quoted text is never closed: add the closing ${quote}` : (PLAIN_SYNTAX[error.code] ?? detail);
  const { line, col } = lineCounter.linePos(offset);
  const noticed = lineCounter.linePos(error.pos[0]).line;
  const syntax = { code: error.code, detail, ...(noticed !== line ? { noticedAt: noticed } : {}) };
  return { file, line, column: col, message: `YAML syntax: ${message} (${detail})`, syntax };
}

function openingQuote(source: string, end: number, quote: string): number | undefined {
  for (let i = Math.min(end, source.length) - 1; i >= 0; i--) {
    if (source[i] !== quote) continue;
    if (quote === '"' && source[i - 1] === '\\') continue;
    return i;
  }
  return undefined;
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
