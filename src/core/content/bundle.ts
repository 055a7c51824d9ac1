/**
 * Everything staff edit, compiled into one bundle so it is always consistent: the
 * knowledge base (with lexicon, thresholds and the trained matcher), the guided flows
 * (checked against the entries they offer) and the string catalogue (both namespaces).
 * A bundle is identified by the hash of its inputs and opened from the artefact store
 * when a process has compiled it before (see knowledge/compiled.ts); live reload compiles
 * the next bundle off to the side and swaps whole bundles, so every string, the flows'
 * included, follows an edit.
 */
import { createHash } from 'node:crypto';
import { buildFlows, FlowLoadError, readFlowFiles, type Flow, type FlowSet } from '../flows';
import { compiledKnowledge, compilerFingerprint, forgetOpenedKnowledge, type KnowledgeParts } from '../knowledge/compiled';
import { unknownFlowProblems } from '../knowledge/flow-links';
import { KnowledgeAnswerer, KnowledgeLoadError } from '../knowledge/load-answerer';
import { readKnowledgeFiles } from '../knowledge/loader';
import type { Answerer, KnowledgeEntry } from '../knowledge/types';
import { artefactStoreFromEnv, packJson, unpackJson, type ArtefactStore } from '../storage/artefacts';
import { sameSourceTexts, type SourceFile } from '../yaml/source-files';
import { readCatalogueFiles, translatorFrom, type Translator } from './catalogue';

export interface ContentPaths {
  knowledgeDir: string;
  dialogsDir: string;
  localesDir: string;
}

/** The texts a bundle is compiled from, read once. */
export interface ContentSources {
  knowledge: SourceFile[];
  dialogs: SourceFile[];
  locales: SourceFile[];
}

/** Raised by hand when CompiledContent's shape changes. */
const CONTENT_FORMAT = 2;

/** A bundle as plain data in the artefact store: its own texts, its checked flows and the hash of its compiled knowledge. */
export interface CompiledContent {
  format: number;
  hash: string;
  knowledgeHash: string;
  dialogs: SourceFile[];
  locales: SourceFile[];
  /** The dialogs parsed and checked (against the entries too): opening the bundle parses no YAML. */
  flows: Flow[];
}

export interface ContentBundle {
  /** The hash of every input (YAML, lexicon, locales, training options and seed, compiler): the content's version. */
  hash: string;
  answerer: KnowledgeAnswerer;
  flows: FlowSet;
  t: Translator;
  /** The knowledge part's hash and files: what its confusable neighbours are worked out from and stored under (knowledge/neighbours.ts). */
  knowledge: { hash: string; files: readonly SourceFile[] };
}

export interface LoadOptions {
  /** Where compiled knowledge is kept between processes (default: CONTENT_CACHE_DIR, see artefactStoreFromEnv). */
  store?: ArtefactStore;
  /** A store that cannot be read or written is not an error (the content compiles anyway): told here. */
  onStoreError?: (error: unknown) => void;
}

export async function readContentSources(paths: ContentPaths): Promise<ContentSources> {
  const [knowledge, dialogs] = await Promise.all([readKnowledgeFiles(paths.knowledgeDir), readFlowFiles(paths.dialogsDir)]);
  return { knowledge, dialogs, locales: readCatalogueFiles(paths.localesDir) };
}

/** Reads the folders and compiles them, or opens what this or another process compiled from the same texts. */
export async function loadContentBundle(paths: ContentPaths, options: LoadOptions = {}): Promise<ContentBundle> {
  return compileContent(await readContentSources(paths), options);
}

/** Validates everything (throwing with every problem of the first part that has any) and trains, unless the store has it. */
export async function compileContent(sources: ContentSources, options: LoadOptions = {}): Promise<ContentBundle> {
  const store = options.store ?? artefactStoreFromEnv();
  const knowledge = await compiledKnowledge(sources.knowledge, store, options.onStoreError);
  const hash = contentHash(knowledge.hash, sources);
  const stored = openedContent.get(hash) ?? (await storedContent(store, hash, sources, options.onStoreError));
  if (stored) {
    remember(stored);
    return bundleOf(hash, knowledge, flowSetOf(locatedFlows(stored, sources.dialogs)), sources);
  }
  const bundle = bundleOf(hash, knowledge, checkedFlows(knowledge, sources), sources);
  const compiled: CompiledContent = { format: CONTENT_FORMAT, hash, knowledgeHash: knowledge.hash, dialogs: sources.dialogs, locales: sources.locales, flows: bundle.flows.flows };
  remember(compiled);
  // Small (the texts of flows and strings): lets another instance open this version by its hash alone.
  await store.write(`content-${hash}`, packJson(compiled)).catch((error: unknown) => options.onStoreError?.(error));
  return bundle;
}

/** Compiled content this process opened, newest last (as compiled.ts keeps knowledge): a reload of unchanged files asks no store. */
const openedContent = new Map<string, CompiledContent>();
const OPENED_KEPT = 2;

function remember(compiled: CompiledContent): void {
  openedContent.delete(compiled.hash);
  openedContent.set(compiled.hash, compiled);
  while (openedContent.size > OPENED_KEPT) openedContent.delete(openedContent.keys().next().value as string);
}

/** Forgets what this process opened or compiled, as a new process would start (tests of the store). */
export function forgetOpenedContent(): void {
  openedContent.clear();
  forgetOpenedKnowledge();
}

/** The stored bundle of this hash when it is this content's (readable, this format, the same texts); else undefined, never trusted. */
async function storedContent(store: ArtefactStore, hash: string, sources: ContentSources, onStoreError?: (error: unknown) => void): Promise<CompiledContent | undefined> {
  const text = await store.read(`content-${hash}`).catch((error: unknown) => {
    onStoreError?.(error);
    return undefined;
  });
  if (text === undefined) return undefined;
  try {
    const compiled = unpackJson(text) as Partial<CompiledContent> | null;
    const ours = compiled?.format === CONTENT_FORMAT && compiled.hash === hash && Array.isArray(compiled.flows) && sameSourceTexts(compiled.dialogs, sources.dialogs) && sameSourceTexts(compiled.locales, sources.locales);
    return ours ? (compiled as CompiledContent) : undefined;
  } catch {
    return undefined;
  }
}

/** Stored flows located in the dialog files as this process names them. */
function locatedFlows(stored: CompiledContent, dialogs: readonly SourceFile[]): Flow[] {
  const displayOf = new Map(dialogs.map((file) => [file.name, file.display]));
  const nameOf = new Map(stored.dialogs.map((file) => [file.display, file.name]));
  return stored.flows.map((flow) => {
    const display = displayOf.get(nameOf.get(flow.location.file) ?? '');
    return display === undefined || display === flow.location.file ? flow : { ...flow, location: { file: display } };
  });
}

function flowSetOf(flows: Flow[]): FlowSet {
  return { flows, byId: new Map(flows.map((flow) => [flow.id, flow])) };
}

/** A version another process compiled, by its hash alone (an instance following a shared store). */
export async function openContent(hash: string, store: ArtefactStore): Promise<ContentBundle> {
  const text = await store.read(`content-${hash}`);
  if (text === undefined) throw new Error(`no compiled content ${hash} in the store`);
  const compiled = unpackJson(text) as CompiledContent;
  const knowledgeText = await store.read(`knowledge-${compiled.knowledgeHash}`);
  if (knowledgeText === undefined) throw new Error(`no compiled knowledge ${compiled.knowledgeHash} in the store`);
  const { files } = unpackJson(knowledgeText) as { files: SourceFile[] };
  return compileContent({ knowledge: files, dialogs: compiled.dialogs, locales: compiled.locales }, { store });
}

export function contentHash(knowledgeHash: string, sources: Pick<ContentSources, 'dialogs' | 'locales'>): string {
  const hash = createHash('sha256');
  hash.update(`content\0${compilerFingerprint()}\0${knowledgeHash}\0`);
  for (const [part, files] of [['dialogs', sources.dialogs], ['locales', sources.locales]] as const) {
    for (const file of files) hash.update(`${part}/${file.name}\0${file.text}\0`);
  }
  return hash.digest('hex');
}

/** The flows parsed and checked against the entries, and the entries' flows against them (throwing with every problem). */
function checkedFlows(knowledge: KnowledgeParts, sources: ContentSources): FlowSet {
  // A flow that offers an entry which no longer exists would show a dead button.
  const flows = buildFlows(sources.dialogs, new Set(knowledge.content.kb.byId.keys()));
  if (flows.problems.length > 0) throw new FlowLoadError(flows.problems);
  // And the other way: an entry's `flow:` must name a flow that exists.
  const flowProblems = unknownFlowProblems(knowledge.content.kb, new Set(flows.set.byId.keys()));
  if (flowProblems.length > 0) throw new KnowledgeLoadError(flowProblems);
  return flows.set;
}

/** The cheap part, done at every load: the answerer made of the compiled knowledge, and the strings. */
function bundleOf(hash: string, knowledge: KnowledgeParts, flows: FlowSet, sources: ContentSources): ContentBundle {
  return { hash, answerer: new KnowledgeAnswerer(knowledge.content, undefined, knowledge), flows, t: translatorFrom(sources.locales), knowledge: { hash: knowledge.hash, files: sources.knowledge } };
}

/** The content a turn decides with; a reload swaps it between turns. */
export interface EngineContent {
  answerer: Answerer;
  flows: FlowSet;
  entries: readonly KnowledgeEntry[];
}

/** What the engine decides with, taken from a bundle. */
export function engineContent(bundle: ContentBundle): EngineContent {
  return { answerer: bundle.answerer, flows: bundle.flows, entries: bundle.answerer.content.kb.entries };
}

export function currentTranslator(current: () => ContentBundle): Translator {
  return (lang, key, vars) => current().t(lang, key, vars);
}
