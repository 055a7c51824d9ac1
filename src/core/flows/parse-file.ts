/**
 * One flow file: YAML text in, a checked flow or problems with file:line:column out.
 */
import { LineCounter, parseDocument } from 'yaml';
import { crossCheckFlow, type IssuePath } from './cross-checks';
import { issueMessage } from './issue-message';
import { flowSchema } from './schema';
import type { Flow, FlowProblem } from './types';
import { positionOf, toPosition } from './yaml-position';

export interface ParsedFlowFile {
  file: string;
  flow?: Flow;
  problems: FlowProblem[];
  /** Where a path of the parsed document is, for checks made later (unknown entries). */
  locate(path: IssuePath, message: string): FlowProblem;
}

/** `expectedId` is the file name without extension: the flow id must match it. */
export function parseFlowFile(file: string, source: string, expectedId: string): ParsedFlowFile {
  const lines = new LineCounter();
  const doc = parseDocument(source, { keepSourceTokens: true, lineCounter: lines, prettyErrors: true });
  const locate = (path: IssuePath, message: string, key?: string): FlowProblem => ({
    file,
    ...positionOf(doc, lines, path, key),
    message,
  });
  const result: ParsedFlowFile = { file, problems: [], locate };

  if (doc.errors.length > 0) {
    result.problems = doc.errors.map((err) => {
      const at = err.linePos?.[0];
      const { line, column } = at ? { line: at.line, column: at.col } : toPosition(lines, err.pos[0]);
      // yaml appends a code excerpt after the first line; the position already says where.
      const first = err.message.split('\n')[0] ?? err.message;
      return { file, line, column, message: `YAML syntax: ${first.replace(/ at line \d+, column \d+:?$/, '')}` };
    });
    return result;
  }

  const data: unknown = doc.toJS();
  const parsed = flowSchema.safeParse(data);
  if (!parsed.success) {
    result.problems = parsed.error.issues.map((issue) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      return locate(issue.path as IssuePath, issueMessage(issue, data), key);
    });
    return sortProblems(result);
  }

  const problems = crossCheckFlow(parsed.data).map((i) => locate(i.path, i.message));
  if (parsed.data.id !== expectedId) {
    problems.push(locate(['id'], `the flow id "${parsed.data.id}" must match the file name "${expectedId}"`));
  }
  result.problems = problems;
  if (problems.length === 0) result.flow = { ...parsed.data, location: { file } };
  return sortProblems(result);
}

function sortProblems(r: ParsedFlowFile): ParsedFlowFile {
  r.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return r;
}
