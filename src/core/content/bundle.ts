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
import { buildFlows, FlowLoadError, readFlowFiles, type FlowSet } from '../flows';
import { compiledKnowledge, compilerFingerprint, type KnowledgeParts } from '../knowledge/compiled';
import { unknownFlowProblems } from '../knowledge/flow-links';
import { KnowledgeAnswerer, KnowledgeLoadError } from '../knowledge/load-answerer';
import { readKnowledgeFiles } from '../knowledge/loader';
import type { Answerer, KnowledgeEntry } from '../knowledge/types';
import { artefactStoreFromEnv, packJson, unpackJson, type ArtefactStore } from '../storage/artefacts';
import type { SourceFile } from '../yaml/source-files';
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

/** A bundle as plain data in the artefact store: its own texts and the hash of its compiled knowledge. */
export interface CompiledContent {
  format: number;
  hash: string;
  knowledgeHash: string;
  dialogs: SourceFile[];
  locales: SourceFile[];
}

export interface ContentBundle {
  /** The hash of every input (YAML, lexicon, locales, training options and seed, compiler): the content's version. */
  hash: string;
  answerer: KnowledgeAnswerer;
  flows: FlowSet;
  t: Translator;
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
  const bundle = assemble(knowledge, sources);
  const compiled: CompiledContent = { format: 1, hash: bundle.hash, knowledgeHash: knowledge.hash, dialogs: sources.dialogs, locales: sources.locales };
  // Small (the texts of flows and strings): lets another instance open this version by its hash alone.
  await store.write(`content-${bundle.hash}`, packJson(compiled)).catch((error: unknown) => options.onStoreError?.(error));
  return bundle;
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

/** The cheap part, done at every load: flows and strings parsed, and checked against the entries. */
function assemble(knowledge: KnowledgeParts, sources: ContentSources): ContentBundle {
  const answerer = new KnowledgeAnswerer(knowledge.content, undefined, knowledge);
  // A flow that offers an entry which no longer exists would show a dead button.
  const flows = buildFlows(sources.dialogs, new Set(answerer.content.kb.byId.keys()));
  if (flows.problems.length > 0) throw new FlowLoadError(flows.problems);
  // And the other way: an entry's `flow:` must name a flow that exists.
  const flowProblems = unknownFlowProblems(answerer.content.kb, new Set(flows.set.byId.keys()));
  if (flowProblems.length > 0) throw new KnowledgeLoadError(flowProblems);
  return { hash: contentHash(knowledge.hash, sources), answerer, flows: flows.set, t: translatorFrom(sources.locales) };
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
