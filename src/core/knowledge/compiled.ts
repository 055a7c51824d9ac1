/**
 * The knowledge base compiled once per version: validated, the matcher trained, the BM25
 * vote and the vocabulary built, kept as plain data under a hash of everything they
 * depend on (the YAML files with the lexicon and thresholds, the training options and
 * seed, the compiler's own code). A process that finds the hash in memory or in its
 * artefact store opens it in a fraction of a second instead of training again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { packJson, unpackJson, type ArtefactStore } from '../storage/artefacts';
import { sameSourceTexts, type SourceFile } from '../yaml/source-files';
import { KnowledgeIndex, type StoredIndex } from './index';
import { knowledgeFrom, validateKnowledge, type LoadedKnowledge, type ValidatedKnowledge } from './loader';
import { DEFAULT_MATCHER_OPTIONS, LearnedMatcher, offTopicPhrases, phrasesOf, type StoredMatcher } from './model/learned-matcher';
import { LexicalVote, type StoredLexicalVote } from './model/lexical-vote';
import type { KnowledgeEntry } from './types';

/** Raised by hand when the stored shape changes; the code fingerprint covers everything else. */
export const COMPILED_FORMAT = 3;

export interface CompiledKnowledge {
  format: number;
  hash: string;
  files: SourceFile[];
  /** The files parsed and checked: opening a bundle parses no YAML and runs no schema. */
  validated: ValidatedKnowledge;
  matcher: StoredMatcher;
  lexical: StoredLexicalVote;
  index: StoredIndex;
}

/** A knowledge base ready to answer with: what KnowledgeAnswerer is made of. */
export interface KnowledgeParts {
  hash: string;
  content: LoadedKnowledge;
  matcher: LearnedMatcher;
  lexical: LexicalVote;
  index: KnowledgeIndex;
}

/**
 * The hash a compiled knowledge base is stored under. File names and texts, not where
 * they were read from: the same content in another folder or process finds the same
 * artefact (error messages name the files as this process read them).
 */
export function knowledgeHash(files: readonly SourceFile[]): string {
  const hash = createHash('sha256');
  hash.update(`knowledge\0${COMPILED_FORMAT}\0${compilerFingerprint()}\0${JSON.stringify(DEFAULT_MATCHER_OPTIONS)}\0`);
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) hash.update(`${file.name}\0${file.text}\0`);
  return hash.digest('hex');
}

/** Validates (throwing KnowledgeLoadError with every problem) and trains, in slices. */
export async function compileKnowledge(files: SourceFile[]): Promise<{ compiled: CompiledKnowledge; parts: KnowledgeParts }> {
  const hash = knowledgeHash(files);
  const validated = validateKnowledge(files);
  const content = knowledgeFrom(validated);
  const entryIds = content.kb.entries.map((entry) => entry.id);
  const matcher = await LearnedMatcher.learn(entryIds, [...phrasesOf(content.kb), ...offTopicPhrases(content.offTopic)], content.lexicon);
  const lexical = await LexicalVote.build(content.kb, content.lexicon);
  const index = await KnowledgeIndex.build(content.kb, content.lexicon);
  const compiled: CompiledKnowledge = {
    format: COMPILED_FORMAT,
    hash,
    files: files.map((file) => ({ ...file })),
    validated,
    matcher: matcher.toStored(),
    lexical: lexical.toStored(),
    index: index.toStored(),
  };
  return { compiled, parts: { hash, content, matcher, lexical, index } };
}

/**
 * A compiled knowledge base, opened without parsing or training; `files` (the same texts,
 * as read here) name the files in messages and in entries' locations.
 */
export function openKnowledge(compiled: CompiledKnowledge, files: SourceFile[] = compiled.files): KnowledgeParts {
  const content = knowledgeFrom({ ...compiled.validated, entries: locatedIn(compiled.validated.entries, compiled.files, files) });
  return {
    hash: compiled.hash,
    content,
    matcher: LearnedMatcher.fromStored(compiled.matcher, content.lexicon),
    lexical: LexicalVote.fromStored(compiled.lexical, content.lexicon),
    index: new KnowledgeIndex(content.kb, content.lexicon, compiled.index),
  };
}

/** Entries located in the files as this process names them (another process may have read them from another folder). */
function locatedIn(entries: KnowledgeEntry[], compiledFrom: readonly SourceFile[], files: readonly SourceFile[]): KnowledgeEntry[] {
  const displayOf = new Map(files.map((file) => [file.name, file.display]));
  const renamed = new Map<string, string>();
  for (const file of compiledFrom) {
    const display = displayOf.get(file.name);
    if (display !== undefined && display !== file.display) renamed.set(file.display, display);
  }
  if (renamed.size === 0) return entries;
  return entries.map((entry) => {
    const file = renamed.get(entry.location.file);
    return file === undefined ? entry : { ...entry, location: { ...entry.location, file } };
  });
}

/** Opened knowledge bases of this process, newest last: the current one and the one before (a reload, a test's second app). */
const opened = new Map<string, Promise<KnowledgeParts>>();
const OPENED_KEPT = 2;

/**
 * The knowledge base of these files: from memory, else from the store, else compiled (and
 * stored). Problems with the files throw as KnowledgeLoadError, whatever the store holds.
 */
export function compiledKnowledge(files: SourceFile[], store: ArtefactStore, onStoreError?: (error: unknown) => void): Promise<KnowledgeParts> {
  const hash = knowledgeHash(files);
  let parts = opened.get(hash);
  if (parts) {
    opened.delete(hash);
    opened.set(hash, parts);
    return parts;
  }
  parts = fromStoreOrCompile(hash, files, store, onStoreError);
  opened.set(hash, parts);
  while (opened.size > OPENED_KEPT) opened.delete(opened.keys().next().value as string);
  // Bad content is not kept: the next load reports it again, or opens the fixed files.
  parts.catch(() => opened.get(hash) === parts && opened.delete(hash));
  return parts;
}

/** Forgets what this process opened, as a new process would start (tests of the store). */
export function forgetOpenedKnowledge(): void {
  opened.clear();
}

async function fromStoreOrCompile(hash: string, files: SourceFile[], store: ArtefactStore, onStoreError?: (error: unknown) => void): Promise<KnowledgeParts> {
  const name = `knowledge-${hash}`;
  const text = await store.read(name).catch((error: unknown) => {
    onStoreError?.(error);
    return undefined;
  });
  if (text !== undefined) {
    const parts = openStored(text, hash, files);
    if (parts) return parts;
    onStoreError?.(new Error(`${name} in the compiled-content store is not this content's: compiling it again`));
  }
  const { compiled, parts } = await compileKnowledge(files);
  await store.write(name, packJson(compiled)).catch((error: unknown) => onStoreError?.(error));
  return parts;
}

/**
 * Opens a stored artefact only when it is this content's: readable, of this format and
 * hash, and compiled from these very texts. A truncated, corrupted or foreign one (another
 * compiler, another content under the same name) is never trusted: undefined, compile again.
 */
function openStored(text: string, hash: string, files: readonly SourceFile[]): KnowledgeParts | undefined {
  try {
    const compiled = unpackJson(text) as Partial<CompiledKnowledge> | null;
    if (!compiled || compiled.format !== COMPILED_FORMAT || compiled.hash !== hash || !compiled.validated || !sameSourceTexts(compiled.files, files)) return undefined;
    return openKnowledge(compiled as CompiledKnowledge, [...files]);
  } catch {
    return undefined;
  }
}

let fingerprint: string | undefined;

/** Set by the one-file build (scripts/bundle.ts), whose code no longer lies in folders to hash. */
declare const PN_COMPILER_FINGERPRINT: string | undefined;

/**
 * The compiler's own version: a hash of the code that reads, analyses and trains (the
 * ground floor's text, YAML and settings code, the knowledge and flows folders, compiled
 * or not), so a deploy with other matching or flow code never opens a model or flows
 * another version compiled.
 */
export function compilerFingerprint(): string {
  fingerprint ??= typeof PN_COMPILER_FINGERPRINT === 'string' ? PN_COMPILER_FINGERPRINT : fingerprintOf(path.join(__dirname, '..'));
  return fingerprint;
}

/** The fingerprint of the compiler's code under `core` (src/core, or its compiled copy). */
export function fingerprintOf(core: string): string {
  const hash = createHash('sha256');
  // The flows' parser too (and the settings it reads): the compiled content keeps parsed flows.
  for (const folder of ['language', 'yaml', 'settings', 'knowledge', 'flows']) {
    for (const file of codeFiles(path.join(core, folder))) hash.update(`${path.relative(core, file)}\0${readFileSync(file, 'utf8')}\0`);
  }
  // The libraries whose output is in the bundle (the index, the stop words, the stems) and the
  // byte order the model's weights are stored in: an `npm update` or another machine sharing
  // the Blob cache must not open a bundle made by different ones.
  for (const library of TRAINING_LIBRARIES) hash.update(`${library}@${libraryVersion(library)}\0`);
  hash.update(`endianness:${endianness()}\0`);
  return hash.digest('hex').slice(0, 16);
}

const TRAINING_LIBRARIES = ['minisearch', 'stopword', 'wink-porter2-stemmer'];

/** The installed version of a library, from the package.json above its entry point (some export no package.json). */
function libraryVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === name) return parsed.version ?? 'unknown';
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...codeFiles(file));
    else if (/\.(ts|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}
