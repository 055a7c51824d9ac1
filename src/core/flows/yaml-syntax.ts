/**
 * YAML syntax errors in plain words, placed where staff must fix them. Only the
 * first error of a file is reported: later ones almost always follow from it.
 */
import type { LineCounter, YAMLError } from 'yaml';
import type { FlowProblem } from './types';
import { toPosition } from './yaml-position';

const PLAIN: Record<string, string> = {
  BAD_INDENT: 'the indentation is wrong here: items that belong together must start with the same number of spaces',
  TAB_AS_INDENT: 'use spaces, not tabs, to indent',
  DUPLICATE_KEY: 'this field appears twice in the same group; keep only one',
  MULTILINE_IMPLICIT_KEY: 'a line is missing its ":" or is indented wrongly',
  BLOCK_AS_IMPLICIT_KEY: 'a line is missing its ":" or is indented wrongly',
  MISSING_CHAR: 'something is not closed here (a bracket or a quote)',
};

export function firstSyntaxProblem(file: string, source: string, lines: LineCounter, errors: readonly YAMLError[]): FlowProblem[] {
  const err = errors[0];
  if (!err) return [];
  const detail = (err.message.split('\n')[0] ?? err.message).replace(/ at line \d+, column \d+:?$/, '');
  const quote = err.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(detail)?.[1] : undefined;
  // yaml reports an unclosed quote where the file ends; staff need the line where it was opened.
  const offset = quote ? openingQuote(source, err.pos[0], quote) ?? err.pos[0] : err.pos[0];
  const message = quote ? `this quoted text is never closed: add the closing ${quote}` : PLAIN[err.code] ?? detail;
  return [{ file, ...toPosition(lines, offset), message: `YAML syntax: ${message} (${detail})` }];
}

function openingQuote(source: string, end: number, quote: string): number | undefined {
  for (let i = Math.min(end, source.length) - 1; i >= 0; i--) {
    if (source[i] !== quote) continue;
    if (quote === '"' && source[i - 1] === '\\') continue;
    return i;
  }
  return undefined;
}
