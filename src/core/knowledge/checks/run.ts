/**
 * Runs every check of `npm run kb:check` on the content folders and returns the
 * findings, errors first. Reading the files is the only I/O; each check is pure.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { buildFlows, checkFlows, loadFlows, readFlowFiles } from '../../flows';
import { unknownFlowLinks } from '../flow-links';
import type { ArtefactStore } from '../../storage/artefacts';
import { compiledKnowledge, knowledgeHash } from '../compiled';
import { KnowledgeAnswerer } from '../load-answerer';
import type { Neighbour, NeighbourCache } from '../neighbours';
import type { ContentProblem } from '../../yaml/yaml-source';
import { buildKnowledge, idsWrittenIn, KnowledgeLoadError, SOURCES_FILE, type LoadedKnowledge, type SourceFile } from '../loader';
import { findUnsafeAnswerLinks } from './answer-links';
import { findDatedText } from './dated-text';
import { findStaleEntries } from './freshness';
import { loadFinding } from './load-messages';
import { buildLocator } from './locate';
import { findNearDuplicates } from './near-duplicates';
import { findParityGaps } from './parity';
import { selfTestFindings } from './self-test';
import { findStockPhrases } from './stock-phrases';
import { findMissingChoiceShortTitles, findMissingShortTitles } from './short-titles';
import { findSourceGaps, readSourceRegister, type SourceRegister } from './sources';
import { syntaxFindings } from './syntax';
import type { Finding } from './types';

export interface CheckOptions {
  knowledgeDir: string;
  /** The guided flows folder; not checked when absent or missing on disk. */
  dialogsDir?: string;
  /** With --strict, self-test misses are errors. */
  strict?: boolean;
  /** Today, for the freshness check. */
  now?: Date;
  /** File names in findings are relative to this folder (default: the working folder). */
  displayRoot?: string;
  /**
   * Compiled knowledge is taken from (and kept in) this store: a staff publish checks the
   * version it is about to serve, and the bot then opens the same compiled version at once.
   */
  store?: ArtefactStore;
  /**
   * Work out each entry's confusable neighbours (cross-validation: five trainings, so only
   * kb:check asks, and the cache keeps them by the knowledge hash, as the bot does).
   */
  neighbours?: NeighbourCache;
}

/** An entry whose held-out phrasings went to other entries, where the entry is written. */
export interface EntryNeighbours {
  entryId: string;
  file: string;
  line: number;
  neighbours: readonly Neighbour[];
}

export interface CheckReport {
  /** Entries loaded; 0 when the knowledge base did not load. */
  entries: number;
  loaded: boolean;
  /** Whether dialogs were checked: false when no dialogs folder was given or found. */
  dialogsChecked: boolean;
  findings: Finding[];
  /** With `neighbours`: the entries that have any, in the order of the files. */
  neighbours?: EntryNeighbours[];
}

export async function checkContent(options: CheckOptions): Promise<CheckReport> {
  const displayRoot = options.displayRoot ?? process.cwd();
  /** Relative to the display root when inside it (knowledge/pn.yaml), else the full path. */
  const display = (file: string) => {
    if (!path.isAbsolute(file)) return file;
    const relative = path.relative(displayRoot, file);
    return relative === '' || relative.startsWith('..') ? file : relative;
  };
  const findings: Finding[] = [];

  let files: SourceFile[];
  try {
    const names = (await readdir(options.knowledgeDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
    files = await Promise.all(
      names.map(async (name) => {
        const full = path.join(options.knowledgeDir, name);
        return { name, display: display(path.resolve(full)), text: await readFile(full, 'utf8') };
      }),
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    return { entries: 0, loaded: false, dialogsChecked: false, findings: [{ severity: 'error', code: 'noFolder', file: display(path.resolve(options.knowledgeDir)), line: 0, params: {} }] };
  }

  let loaded: LoadedKnowledge | undefined;
  let neighbours: EntryNeighbours[] | undefined;
  try {
    loaded = buildKnowledge(files);
  } catch (error) {
    if (!(error instanceof KnowledgeLoadError)) throw error;
    findings.push(...loadFindings(error.problems, files));
  }

  const sourcesFile = files.find((file) => file.name === SOURCES_FILE);
  let register: SourceRegister | undefined;
  if (sourcesFile) {
    const result = readSourceRegister(sourcesFile.display, sourcesFile.text);
    if (result.ok) register = result.register;
    else findings.push(...loadFindings(result.problems, files));
  }

  if (loaded) {
    const parts = options.store ? await compiledKnowledge(files, options.store) : undefined;
    const answerer = parts ? new KnowledgeAnswerer(parts.content, undefined, parts) : new KnowledgeAnswerer(loaded);
    const { kb } = loaded;
    const locate = buildLocator(files, kb.entries);
    findings.push(
      ...selfTestFindings(answerer, locate, options.strict ? 'error' : 'warning'),
      ...findNearDuplicates(kb, answerer.index, locate),
      ...findParityGaps(kb, locate),
      ...findStaleEntries(kb, locate, options.now ?? new Date()),
      ...findDatedText(kb, locate, options.now ?? new Date()),
      ...findStockPhrases(kb, locate),
      ...findSourceGaps(kb, locate, register, sourcesFile?.display ?? SOURCES_FILE),
      ...findUnsafeAnswerLinks(kb, locate),
      ...findMissingShortTitles(kb, locate),
    );
    if (options.neighbours) {
      const map = await options.neighbours.get(knowledgeHash(files), files);
      neighbours = kb.entries.flatMap((entry) => {
        const others = map[entry.id];
        return others ? [{ entryId: entry.id, ...locate(entry.id, []), neighbours: others }] : [];
      });
    }
  }

  let dialogsChecked = false;
  if (options.dialogsDir !== undefined && (await isDirectory(options.dialogsDir))) {
    const known = loaded ? new Set(loaded.kb.byId.keys()) : entryIdsIn(files);
    for (const problem of await checkFlows(options.dialogsDir, known)) {
      findings.push({ severity: 'error', code: 'flow', file: display(path.resolve(problem.file)), line: problem.line, column: problem.column, params: { detail: problem.message } });
    }
    const flowFiles = buildFlows(await readFlowFiles(options.dialogsDir)).files;
    findings.push(...findMissingChoiceShortTitles(flowFiles).map((finding) => ({ ...finding, file: display(path.resolve(finding.file)) })));
    const flowIds = await loadedFlowIds(options.dialogsDir);
    if (loaded && flowIds) {
      for (const link of unknownFlowLinks(loaded.kb, flowIds)) {
        findings.push({ severity: 'error', code: 'unknownFlow', file: link.file, line: link.line, params: { id: link.entryId, flow: link.flow, known: [...flowIds].sort().join(', ') } });
      }
    }
    dialogsChecked = true;
  }

  return { entries: loaded?.kb.entries.length ?? 0, loaded: loaded !== undefined, dialogsChecked, findings: sortFindings(findings), ...(neighbours ? { neighbours } : {}) };
}

/** The ids of the flows when the dialogs load (their own errors are reported by checkFlows). */
async function loadedFlowIds(dialogsDir: string): Promise<Set<string> | undefined> {
  try {
    return new Set((await loadFlows(dialogsDir)).byId.keys());
  } catch {
    return undefined;
  }
}

/** Syntax errors as one plain finding per file; every other load problem as it is. */
function loadFindings(problems: readonly ContentProblem[], files: readonly SourceFile[]): Finding[] {
  const others = problems.filter((problem) => !problem.syntax);
  // The line a problem points at, so a ":" or "#" in unquoted text can be told for what it is.
  const lineOf = (problem: ContentProblem) => files.find((file) => file.display === problem.file)?.text.split('\n')[problem.line - 1];
  return [...syntaxFindings(problems), ...others.map((problem) => loadFinding(problem, lineOf(problem)))];
}

/**
 * YAML syntax errors first (a broken file is the first thing to fix, and other errors may
 * follow from it), then other errors, then warnings; each by file and line, the order of
 * equal places kept.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (finding: Finding) => (finding.code === 'syntax' ? 0 : finding.severity === 'error' ? 1 : 2);
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => rank(a.finding) - rank(b.finding) || a.finding.file.localeCompare(b.finding.file) || a.finding.line - b.finding.line || a.order - b.order)
    .map(({ finding }) => finding);
}

/**
 * Entry ids written in the files, read leniently: when the knowledge base has errors,
 * dialogs are still checked against the ids staff wrote, not against nothing.
 */
function entryIdsIn(files: SourceFile[]): Set<string> {
  const ids = new Set<string>();
  for (const file of files) {
    // Line by line too: a file with a YAML syntax error may not parse far enough to list them.
    for (const id of idsWrittenIn(file.text)) ids.add(id);
    const list: unknown = parseDocument(file.text).get('entries', true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const id: unknown = isMap(item) ? item.get('id') : undefined;
      if (typeof id === 'string') ids.add(id);
    }
  }
  return ids;
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
