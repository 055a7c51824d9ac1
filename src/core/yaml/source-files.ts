/**
 * The text files a content folder holds, read once: the compile step hashes them, parses
 * them and keeps them in the compiled bundle, so nothing reads the folder a second time.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SourceFile {
  /** The name inside its folder ("pn.yaml", "vi/translation.json"). */
  name: string;
  /** The name shown in messages to staff (knowledge/pn.yaml): relative to the display root. */
  display: string;
  text: string;
}

/** Files of `dir` (not its sub-folders) whose names match, sorted by name. */
export async function readSourceFiles(dir: string, pattern: RegExp, displayRoot = process.cwd()): Promise<SourceFile[]> {
  const names = (await readdir(dir)).filter((name) => pattern.test(name)).sort();
  return Promise.all(names.map((name) => readSourceFile(dir, name, displayRoot)));
}

/** One file; `name` may name a sub-folder ("flows/vi.json"). */
export async function readSourceFile(dir: string, name: string, displayRoot = process.cwd()): Promise<SourceFile> {
  const file = path.join(dir, name);
  return { name, display: path.relative(displayRoot, file) || name, text: await readFile(file, 'utf8') };
}

/** The same file names with the same texts (in any order): what a stored compiled bundle is checked against before it is trusted. */
export function sameSourceTexts(stored: readonly SourceFile[] | undefined, files: readonly SourceFile[]): boolean {
  if (!Array.isArray(stored) || stored.length !== files.length) return false;
  const byName = new Map(stored.map((file) => [file.name, file.text]));
  return files.every((file) => byName.get(file.name) === file.text);
}

export const YAML_FILES = /\.ya?ml$/i;
