/**
 * Loads every knowledge/*.yaml file and the lexicon, and checks what one file alone
 * cannot: duplicate ids across files and follow-ups that point nowhere. Any problem
 * stops the load with every error listed, so a bad edit never reaches students.
 */
import { readSourceFiles, type SourceFile } from '../yaml/source-files';
import { ContentError, parseYaml, type ContentProblem } from '../yaml/yaml-source';
import { compileLexicon, lexiconSchema, type Lexicon, type LexiconFile } from '../language/lexicon';
import { DEFAULT_THRESHOLDS, thresholdsSchema, type Thresholds } from './decide';
import { DEFAULT_FUSION_WEIGHTS, fusionWeightsSchema, type FusionWeights } from './fusion';
import { Entities, entitiesFileSchema, entityProblems, type EntitiesFile } from './entities';
import type { OffTopicExamples } from './model/learned-matcher';
import { knowledgeFileSchema, offTopicSchema } from './schema';
import type { KnowledgeBase, KnowledgeEntry } from './types';

export const LEXICON_FILE = 'lexicon.yaml';
export const MATCHING_FILE = 'matching.yaml';
export const OFFTOPIC_FILE = 'offtopic.yaml';
/** The web addresses of the facts sheet's rows, read by kb:check only (checks/sources.ts). */
export const SOURCES_FILE = 'sources.yaml';
/** What entries are about: countries, vendors, organisations, exams (entities.ts). */
export const ENTITIES_FILE = 'entities.yaml';

/** knowledge/matching.yaml: the thresholds, and the fusion's weights when they were fitted. */
const matchingFileSchema = thresholdsSchema.extend({ fusion: fusionWeightsSchema.optional() });

/** Files of the folder that hold matching or checking data, not entries. */
export const NON_ENTRY_FILES = new Set([LEXICON_FILE, MATCHING_FILE, OFFTOPIC_FILE, SOURCES_FILE, ENTITIES_FILE]);

export interface LoadedKnowledge {
  kb: KnowledgeBase;
  lexicon: Lexicon;
  thresholds: Thresholds;
  /** The weights of the fused confidence and inScope (fusion.ts; matching.yaml's `fusion`). */
  fusion: FusionWeights;
  /** Questions the bot must not answer, for the matcher to learn from (knowledge/offtopic.yaml). */
  offTopic: OffTopicExamples;
  /** What each entry is about, so a question about another country, vendor, school or exam is not answered as ours. */
  entities: Entities;
}

export class KnowledgeLoadError extends ContentError {
  constructor(problems: ContentProblem[]) {
    super(problems, 'The knowledge base');
    this.name = 'KnowledgeLoadError';
  }
}

export type { SourceFile } from '../yaml/source-files';

/** Reads the folder; `displayRoot` makes file names in messages relative (knowledge/pn.yaml). */
export async function loadKnowledge(dir: string, displayRoot = process.cwd()): Promise<LoadedKnowledge> {
  return buildKnowledge(await readKnowledgeFiles(dir, displayRoot));
}

/** The folder's YAML files, as the compile step reads them once. */
export function readKnowledgeFiles(dir: string, displayRoot = process.cwd()): Promise<SourceFile[]> {
  return readSourceFiles(dir, /\.ya?ml$/, displayRoot);
}

/**
 * The knowledge files read and checked, as plain data (JSON-safe): what the compile step
 * keeps in a compiled bundle, so opening it parses no YAML and runs no schema again (the
 * bundle's hash covers the files' bytes, so they are the files that passed these checks).
 */
export interface ValidatedKnowledge {
  entries: KnowledgeEntry[];
  lexicon: LexiconFile;
  thresholds: Thresholds;
  /** The fusion's weights (matching.yaml's `fusion`); absent: the defaults in fusion.ts. */
  fusion?: FusionWeights;
  offTopic: OffTopicExamples;
  entities?: EntitiesFile;
}

/** The pure part of loading: texts in, knowledge or every problem out. */
export function buildKnowledge(files: SourceFile[]): LoadedKnowledge {
  return knowledgeFrom(validateKnowledge(files));
}

/** The objects the matcher and the engine use, made from validated data: cheap, no parsing. */
export function knowledgeFrom(validated: ValidatedKnowledge): LoadedKnowledge {
  const { entries, thresholds, offTopic } = validated;
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const entities = validated.entities ? new Entities(validated.entities, entries) : Entities.NONE;
  return { kb: { entries, byId }, lexicon: compileLexicon(validated.lexicon), thresholds, fusion: validated.fusion ?? DEFAULT_FUSION_WEIGHTS, offTopic, entities };
}

/** Parses and checks every file (throwing KnowledgeLoadError with every problem). */
export function validateKnowledge(files: SourceFile[]): ValidatedKnowledge {
  const problems: ContentProblem[] = [];
  const entries: KnowledgeEntry[] = [];
  let lexicon: LexiconFile = { expansions: {}, ambiguous: {}, fillers: [] };
  let thresholds = DEFAULT_THRESHOLDS;
  let fusion = DEFAULT_FUSION_WEIGHTS;
  let offTopic: OffTopicExamples = { vi: [], en: [] };
  let entitiesFile: { value: EntitiesFile; display: string; positionOf: (path: (string | number)[]) => { line: number; column: number } } | undefined;
  const entryFiles = files.filter((file) => !NON_ENTRY_FILES.has(file.name));
  if (entryFiles.length === 0) problems.push({ file: 'knowledge', line: 1, column: 1, message: 'no knowledge files (*.yaml) found' });

  // Ids written in files that did not load: a follow-up to one of them is not reported as
  // missing, since the real error is the broken file's own (shown to staff instead).
  const idsInBrokenFiles = new Set<string>();
  for (const file of files) {
    if (file.name === SOURCES_FILE) continue;
    if (file.name === MATCHING_FILE) {
      const result = parseYaml(file.display, file.text, matchingFileSchema);
      if (result.ok) {
        const { fusion: fitted, ...chosen } = result.parsed.value;
        thresholds = chosen;
        fusion = fitted ?? DEFAULT_FUSION_WEIGHTS;
      } else problems.push(...result.problems);
      continue;
    }
    if (file.name === OFFTOPIC_FILE) {
      const result = parseYaml(file.display, file.text, offTopicSchema);
      if (result.ok) offTopic = result.parsed.value;
      else problems.push(...result.problems);
      continue;
    }
    if (file.name === ENTITIES_FILE) {
      const result = parseYaml(file.display, file.text, entitiesFileSchema);
      if (result.ok) entitiesFile = { value: result.parsed.value, display: file.display, positionOf: result.parsed.positionOf };
      else problems.push(...result.problems);
      continue;
    }
    if (file.name === LEXICON_FILE) {
      const result = parseYaml(file.display, file.text, lexiconSchema);
      if (result.ok) lexicon = result.parsed.value;
      else problems.push(...result.problems);
      continue;
    }
    const result = parseYaml(file.display, file.text, knowledgeFileSchema);
    if (!result.ok) {
      problems.push(...result.problems);
      for (const id of idsWrittenIn(file.text)) idsInBrokenFiles.add(id);
      continue;
    }
    const { value, positionOf } = result.parsed;
    value.entries.forEach((entry, index) => {
      const { line } = positionOf(['entries', index]);
      entries.push({ ...entry, area: value.area, location: { file: file.display, line } });
    });
  }

  const byId = new Map<string, KnowledgeEntry>();
  for (const entry of entries) {
    const first = byId.get(entry.id);
    if (first) {
      problems.push({ ...at(entry), message: `the id "${entry.id}" is used twice (first at ${first.location.file}:${first.location.line}); each entry needs its own id` });
    } else {
      byId.set(entry.id, entry);
    }
  }
  for (const entry of entries) {
    for (const followUp of entry.followUps) {
      if (!byId.has(followUp) && !idsInBrokenFiles.has(followUp)) problems.push({ ...at(entry), message: `entry "${entry.id}" has a follow-up "${followUp}" that does not exist` });
    }
    if (entry.followUps.includes(entry.id)) problems.push({ ...at(entry), message: `entry "${entry.id}" lists itself as a follow-up` });
  }

  if (entitiesFile) {
    const { value, display, positionOf } = entitiesFile;
    for (const problem of entityProblems(value, entries)) problems.push({ file: display, ...positionOf(problem.path), message: problem.message });
  }

  if (problems.length > 0) throw new KnowledgeLoadError(problems);
  return { entries, lexicon, thresholds, fusion, offTopic, entities: entitiesFile?.value };
}

/** Entry ids as written (`- id: pn.about`), read line by line so that a file with a YAML error still gives them. */
export function idsWrittenIn(text: string): string[] {
  return [...text.matchAll(/^[ \t]*(?:-[ \t]+)?id:[ \t]*["']?([a-z0-9]+(?:\.[a-z0-9-]+)+)["']?[ \t]*(?:#.*)?$/gm)].map((match) => match[1] as string);
}

function at(entry: KnowledgeEntry): { file: string; line: number; column: number } {
  return { file: entry.location.file, line: entry.location.line, column: 1 };
}
