/**
 * Schema problems in the staff's language, with the two mistakes staff make most often told
 * for what they are: a ":" or a "#" inside a text without quotes. YAML reads `- Học phí: bao
 * nhiêu?` as a field named "Học phí", and everything after " #" as a comment, so the schema
 * only sees "item 25 should be a text"; the line itself shows what happened.
 * The finding keeps the English detail; `check.load_<context>` words it (locales/kbcheck).
 */
import type { ContentProblem } from '../../yaml/yaml-source';
import type { Finding } from './types';

/** Each context has a message `check.load_<context>`; without one, `check.load` shows the detail. */
export const LOAD_CONTEXTS = ['colon', 'hash', 'missing', 'text', 'list', 'unknown', 'atLeast', 'empty'] as const;

const PATTERNS: Array<[RegExp, (typeof LOAD_CONTEXTS)[number], string[]]> = [
  [/^(.+) is missing$/, 'missing', ['field']],
  [/^(.+) should be a text$/, 'text', ['field']],
  [/^(.+) should be a list$/, 'list', ['field']],
  [/^unknown fields? (.+) \(check the spelling\)$/, 'unknown', ['fields']],
  [/^(.+) needs at least (\d+) item\(s\)$/, 'atLeast', ['field', 'count']],
  [/^(.+) must not be empty$/, 'empty', ['field']],
];

/** The text after "- " or "key: " on a line, when it is not quoted. */
function unquotedValue(line: string): string | undefined {
  const value = /^\s*(?:-\s+|[\w.-]+:\s+)(.*)$/u.exec(line)?.[1]?.trim();
  if (value === undefined || value === '' || /^["'|>[{]/.test(value)) return undefined;
  return value;
}

export function loadFinding(problem: ContentProblem, sourceLine: string | undefined): Finding {
  const base = { severity: 'error' as const, code: 'load' as const, file: problem.file, line: problem.line, column: problem.column };
  const detail = problem.message;
  const typeProblem = /should be a text|is missing|must not be empty/.test(detail);
  const value = sourceLine === undefined ? undefined : unquotedValue(sourceLine);
  const hashed = sourceLine !== undefined && /^\s*(?:-\s+|[\w.-]+:\s+)#/.test(sourceLine);
  if (typeProblem && (hashed || (value !== undefined && / #/.test(value)))) return { ...base, params: { context: 'hash', line: problem.line, detail } };
  if (typeProblem && value !== undefined && /:\s/.test(value)) return { ...base, params: { context: 'colon', line: problem.line, detail } };
  for (const [pattern, context, names] of PATTERNS) {
    const match = pattern.exec(detail);
    if (!match) continue;
    const params: Record<string, string> = { context, detail };
    names.forEach((name, index) => (params[name] = match[index + 1] ?? ''));
    return { ...base, params };
  }
  return { ...base, params: { detail } };
}
