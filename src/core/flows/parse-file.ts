/**
 * One flow file: YAML text in, a checked flow or problems with file:line:column out.
 * Reading and positions come from the one YAML reader (src/core/yaml/yaml-source);
 * the messages name steps and outcomes by the ids staff wrote.
 */
import { readYamlDocument, unknownKey } from '../yaml/yaml-source';
import { crossCheckFlow, type IssuePath } from './cross-checks';
import { describePath, issueMessage } from './issue-message';
import { flowSchema } from './schema';
import type { Flow, FlowFile, FlowProblem } from './types';

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
  const read = readYamlDocument(file, source);
  if (!read.ok) return { file, problems: read.problems, locate: (_path, message) => ({ file, line: 1, column: 1, message }) };
  const { doc } = read;
  const result: ParsedFlowFile = { file, problems: [], locate: (path, message) => doc.locate(path, message) };

  const parsed = flowSchema.safeParse(doc.data);
  if (!parsed.success) {
    result.problems = parsed.error.issues.map((issue) => doc.locate(issue.path as IssuePath, issueMessage(issue, doc.data), unknownKey(issue)));
    return sortProblems(result);
  }

  result.data = parsed.data;
  const problems = crossCheckFlow(parsed.data).map((i) => doc.locate(i.path, `${describePath(i.path, doc.data)}: ${i.message}`));
  if (parsed.data.id !== expectedId) {
    problems.push(doc.locate(['id'], `id: the flow id "${parsed.data.id}" must match the file name "${expectedId}"`));
  }
  result.problems = problems;
  if (problems.length === 0) result.flow = { ...parsed.data, location: { file } };
  return sortProblems(result);
}

function sortProblems(r: ParsedFlowFile): ParsedFlowFile {
  r.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return r;
}
