/**
 * An entry may offer a guided flow (`flow: pn-eligibility`). A misspelt id would show
 * students a button that leads nowhere, so it is an error wherever content is checked.
 */
import type { ContentProblem } from '../yaml/yaml-source';
import type { KnowledgeBase } from './types';

export interface UnknownFlowLink {
  entryId: string;
  flow: string;
  file: string;
  line: number;
}

export function unknownFlowLinks(kb: KnowledgeBase, flowIds: ReadonlySet<string>): UnknownFlowLink[] {
  return kb.entries
    .filter((entry) => entry.flow !== undefined && !flowIds.has(entry.flow))
    .map((entry) => ({ entryId: entry.id, flow: entry.flow as string, file: entry.location.file, line: entry.location.line }));
}

export function unknownFlowProblems(kb: KnowledgeBase, flowIds: ReadonlySet<string>): ContentProblem[] {
  const known = [...flowIds].sort().join(', ');
  return unknownFlowLinks(kb, flowIds).map((link) => ({
    file: link.file,
    line: link.line,
    column: 1,
    message: `entry "${link.entryId}" offers the guided flow "${link.flow}", which is not in the dialogs folder (known flows: ${known})`,
  }));
}
