/**
 * Reads every flow in dialogs/: all files are checked, and one bad file fails the
 * load with every problem listed, so a running bot keeps its previous flows.
 */
import path from 'node:path';
import { readSourceFiles, YAML_FILES, type SourceFile } from '../yaml/source-files';
import { describePath } from './issue-message';
import { parseFlowFile, type ParsedFlowFile } from './parse-file';
import type { Flow, FlowFile, FlowProblem, FlowSet } from './types';

export type Problem = FlowProblem;

export class FlowLoadError extends Error {
  constructor(readonly problems: FlowProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the dialog files:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'FlowLoadError';
  }
}

export function formatProblem(p: FlowProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** `displayRoot` makes file names in messages relative (dialogs/contact.yaml), as the knowledge base does. */
export async function loadFlows(dir: string, displayRoot = process.cwd()): Promise<FlowSet> {
  const { set, problems } = buildFlows(await readFlowFiles(dir, displayRoot));
  if (problems.length > 0) throw new FlowLoadError(problems);
  return set;
}

/**
 * Everything `kb:check` reports about dialogs: load problems plus offers of
 * knowledge-base entries that do not exist.
 */
export async function checkFlows(dir: string, knownEntryIds: ReadonlySet<string>, displayRoot = process.cwd()): Promise<Problem[]> {
  return buildFlows(await readFlowFiles(dir, displayRoot), knownEntryIds).problems;
}

/** The folder's flow files, as the compile step reads them once. */
export function readFlowFiles(dir: string, displayRoot = process.cwd()): Promise<SourceFile[]> {
  return readSourceFiles(dir, YAML_FILES, displayRoot);
}

export interface BuiltFlows {
  set: FlowSet;
  files: ParsedFlowFile[];
  problems: FlowProblem[];
}

/**
 * The flows of these files, each parsed once, with every problem: with `knownEntryIds`,
 * also offers of knowledge-base entries that do not exist.
 */
export function buildFlows(sources: readonly SourceFile[], knownEntryIds?: ReadonlySet<string>): BuiltFlows {
  const files = sources.map((source) => parseFlowFile(source.display, source.text, source.name.replace(/\.ya?ml$/i, '')));
  const problems = files.flatMap((f) => f.problems);
  const byId = new Map<string, Flow>();
  for (const f of files) {
    if (!f.flow) continue;
    if (byId.has(f.flow.id)) {
      problems.push(f.locate(['id'], `id: the flow id "${f.flow.id}" is already used by ${byId.get(f.flow.id)?.location.file}`));
    }
    byId.set(f.flow.id, f.flow);
  }
  // An offer of a flow that exists in a file with problems is still a valid reference.
  const flowIds = new Set(files.map((f) => f.file).map((file) => path.basename(file).replace(/\.ya?ml$/i, '')));
  for (const f of files) {
    if (!f.data) continue;
    forEachOffer(f.data, (offer, offerPath) => {
      if (offer.flow !== undefined && !flowIds.has(offer.flow)) {
        problems.push(f.locate([...offerPath, 'flow'], `${describePath(offerPath, f.data)}: there is no dialog "${offer.flow}" (no file dialogs/${offer.flow}.yaml)`));
      }
    });
  }
  if (knownEntryIds) {
    for (const f of files) {
      if (!f.data) continue;
      forEachOffer(f.data, (offer, offerPath) => {
        if (offer.entry !== undefined && !knownEntryIds.has(offer.entry)) {
          problems.push(f.locate([...offerPath, 'entry'], `${describePath(offerPath, f.data)}: the knowledge-base entry "${offer.entry}" does not exist`));
        }
      });
    }
  }
  return { set: { flows: [...byId.values()], byId }, files, problems };
}

function forEachOffer(flow: FlowFile, visit: (offer: { entry?: string; flow?: string }, path: (string | number)[]) => void): void {
  flow.outcomes.forEach((o, i) => o.offer?.forEach((offer, j) => visit(offer, ['outcomes', i, 'offer', j])));
  flow.default.offer?.forEach((offer, j) => visit(offer, ['default', 'offer', j]));
}
