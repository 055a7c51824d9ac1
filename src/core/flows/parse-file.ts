/**
 * One flow file: YAML text in, a checked flow or problems with file:line:column out.
 */
import { LineCounter, parseDocument } from 'yaml';
import { crossCheckFlow, type IssuePath } from './cross-checks';
import { describePath, issueMessage } from './issue-message';
import { flowSchema } from './schema';
import type { Flow, FlowFile, FlowProblem } from './types';
import { positionOf } from './yaml-position';
import { firstSyntaxProblem } from './yaml-syntax';

export interface ParsedFlowFile {
  file: string;
  /** Set when the file passed every check. */
  flow?: Flow;
  /** Set when the structure is right, even if cross-checks failed: later checks still run on it. */
  data?: FlowFile;
  problems: FlowProblem[];
  /** Where a path of the parsed document is, for checks made later (unknown entries). */
  locate(path: IssuePath, message: string): FlowProblem;
}

/** `expectedId` is the file name without extension: the flow id must match it. */
export function parseFlowFile(file: string, source: string, expectedId: string): ParsedFlowFile {
  const lines = new LineCounter();
  const doc = parseDocument(source, { keepSourceTokens: true, lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const locate = (path: IssuePath, message: string, key?: string): FlowProblem => ({
    file,
    ...positionOf(doc, lines, path, key),
    message,
  });
  const result: ParsedFlowFile = { file, problems: [], locate };

  if (doc.errors.length > 0) {
    result.problems = firstSyntaxProblem(file, source, lines, doc.errors);
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

  result.data = parsed.data;
  const problems = crossCheckFlow(parsed.data).map((i) => locate(i.path, `${describePath(i.path, data)}: ${i.message}`));
  if (parsed.data.id !== expectedId) {
    problems.push(locate(['id'], `id: the flow id "${parsed.data.id}" must match the file name "${expectedId}"`));
  }
  result.problems = problems;
  if (problems.length === 0) result.flow = { ...parsed.data, location: { file } };
  return sortProblems(result);
}

function sortProblems(r: ParsedFlowFile): ParsedFlowFile {
  r.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return r;
}
