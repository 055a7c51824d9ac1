/**
 * A YAML syntax error, told the way staff can act on it. One layout mistake (a line indented
 * one space too far) makes the yaml library report several errors at and after it; only the
 * first in each file is shown, as a kind of mistake with the line to fix, in the staff's
 * language. The library's own English words are kept only as a last resort (kind "other").
 */
import type { ContentProblem } from '../../yaml/yaml-source';
import type { Finding } from './types';

/** Each kind has a message `check.syntax_<kind>` in locales/kbcheck/ (`check.syntax` for other). */
export const SYNTAX_KINDS = ['indent', 'tab', 'quote', 'afterQuote', 'colon', 'bracket', 'duplicate', 'other'] as const;
export type SyntaxKind = (typeof SYNTAX_KINDS)[number];

/** The kind of mistake behind a yaml library error code (and, where one code covers two mistakes, its wording). */
export function syntaxKind(code: string, detail: string): SyntaxKind {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'tab';
    case 'DUPLICATE_KEY':
      return 'duplicate';
    case 'BAD_DQ_ESCAPE':
    case 'BAD_SCALAR_START':
      return 'quote';
    case 'UNEXPECTED_TOKEN':
      return 'afterQuote';
    case 'MISSING_CHAR':
      return /quote/i.test(detail) ? 'quote' : 'indent';
    case 'BAD_INDENT':
      return /^Flow (map|sequence)/.test(detail) ? 'bracket' : 'indent';
    case 'BLOCK_AS_IMPLICIT_KEY':
      // "Nested mappings are not allowed in compact mappings": a `: ` inside an unquoted text.
      return /^Nested mappings/.test(detail) ? 'colon' : 'indent';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'indent';
    default:
      return 'other';
  }
}

/** The first syntax error of each file as a finding; every other problem is left to the caller. */
export function syntaxFindings(problems: readonly ContentProblem[]): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const problem of problems) {
    if (!problem.syntax || seen.has(problem.file)) continue;
    seen.add(problem.file);
    const kind = syntaxKind(problem.syntax.code, problem.syntax.detail);
    // i18next picks `check.syntax_<context>`; "other" falls back to `check.syntax`.
    // An unclosed quote is shown where it opens (the line to fix), naming where the reading stopped;
    // every other mistake where the library noticed it.
    const noticed = problem.syntax.noticedAt ?? problem.line;
    const line = kind === 'quote' ? problem.line : noticed;
    findings.push({ severity: 'error', code: 'syntax', file: problem.file, line, column: problem.column, params: { context: kind, line, noticed, detail: problem.syntax.detail } });
  }
  return findings;
}
