/**
 * Turns a change into new knowledge files: each edit becomes a write-back into its
 * entry's YAML (yaml-edit.ts). Pure: files in, files out, or the problems that stop the
 * change before any check runs (an unknown entry, an alternate already there).
 */
import { parseDocument } from 'yaml';
import { OFFTOPIC_FILE } from '../knowledge/loader';
import type { ContentChange, ContentEdit, EntryFields, Lang } from './content-change';
import { indexEntries, type ContentFiles, type EntryPlace } from './entry-index';
import { editYaml, YamlEditError, type YamlSet } from './yaml-edit';

/** Longest alternate or off-topic question accepted (a real question, not a pasted page). */
export const MAX_PHRASING_LENGTH = 500;

export type EditProblemCode = 'unknownEntry' | 'emptyText' | 'textTooLong' | 'alternateExists' | 'offTopicExists' | 'writeFailed';

export interface EditProblem {
  code: EditProblemCode;
  /** Position of the edit in the change. */
  edit: number;
  entryId?: string;
  lang?: Lang;
  detail?: string;
}

export type ApplyResult =
  | { ok: true; files: ContentFiles; changedFiles: string[]; entries: string[] }
  | { ok: false; problems: EditProblem[] };

/** Staff text as stored: NFC, single spaces, trimmed. */
export function cleanPhrasing(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const sameText = (a: string, b: string) => cleanPhrasing(a).toLowerCase() === cleanPhrasing(b).toLowerCase();

export function applyChange(files: ContentFiles, change: ContentChange): ApplyResult {
  const next: Record<string, string> = { ...files };
  const problems: EditProblem[] = [];
  const changed = new Set<string>();
  const entries: string[] = [];
  change.edits.forEach((edit, position) => {
    const problem = applyEdit(next, edit, position);
    if (problem) {
      problems.push(problem);
      return;
    }
    const file = edit.kind === 'addOffTopic' ? OFFTOPIC_FILE : indexEntries(next).get(edit.entryId)?.file;
    if (file) changed.add(file);
    if (edit.kind !== 'addOffTopic' && !entries.includes(edit.entryId)) entries.push(edit.entryId);
  });
  if (problems.length > 0) return { ok: false, problems };
  const changedFiles = [...changed].filter((name) => next[name] !== files[name]).sort();
  return { ok: true, files: next, changedFiles, entries };
}

/** Applies one edit to `files` in place; returns the problem instead when it cannot. */
function applyEdit(files: Record<string, string>, edit: ContentEdit, position: number): EditProblem | undefined {
  if (edit.kind === 'addOffTopic') {
    const text = cleanPhrasing(edit.text);
    const bad = phrasingProblem(text, position, { lang: edit.lang });
    if (bad) return bad;
    const source = files[OFFTOPIC_FILE] ?? 'vi: []\nen: []\n';
    const current = parseDocument(source).toJS() as Partial<Record<Lang, string[]>> | null;
    const list = current?.[edit.lang] ?? [];
    if (list.some((item) => sameText(item, text))) return { code: 'offTopicExists', edit: position, lang: edit.lang };
    return write(files, OFFTOPIC_FILE, source, [{ path: [edit.lang], value: [...list, text] }], position);
  }
  const place = indexEntries(files).get(edit.entryId);
  if (!place) return { code: 'unknownEntry', edit: position, entryId: edit.entryId };
  const source = files[place.file] ?? '';
  const entry = entryData(source, place);
  if (edit.kind === 'addAlternate') {
    const text = cleanPhrasing(edit.text);
    const bad = phrasingProblem(text, position, { entryId: edit.entryId, lang: edit.lang });
    if (bad) return bad;
    const alternates = entry.alternates?.[edit.lang] ?? [];
    if ([entry.question?.[edit.lang] ?? '', ...alternates].some((item) => sameText(item, text))) {
      return { code: 'alternateExists', edit: position, entryId: edit.entryId, lang: edit.lang };
    }
    return write(files, place.file, source, [{ path: ['entries', place.index, 'alternates', edit.lang], value: [...alternates, text] }], position, edit.entryId);
  }
  return write(files, place.file, source, fieldWrites(place.index, edit.fields), position, edit.entryId);
}

function phrasingProblem(text: string, position: number, where: { entryId?: string; lang: Lang }): EditProblem | undefined {
  if (text === '') return { code: 'emptyText', edit: position, ...where };
  if (text.length > MAX_PHRASING_LENGTH) return { code: 'textTooLong', edit: position, ...where, detail: String(MAX_PHRASING_LENGTH) };
  return undefined;
}

interface EntryData {
  question?: Partial<Record<Lang, string>>;
  alternates?: Partial<Record<Lang, string[]>>;
}

function entryData(source: string, place: EntryPlace): EntryData {
  const data = parseDocument(source).toJS() as { entries?: EntryData[] } | null;
  return data?.entries?.[place.index] ?? {};
}

/** Ids, source codes and dates are written unquoted, as staff write them; texts in double quotes. */
const PLAIN_FIELDS = new Set(['followUps', 'sources', 'reviewed', 'validUntil']);

function fieldWrites(index: number, fields: EntryFields): YamlSet[] {
  const writes: YamlSet[] = [];
  for (const [name, value] of Object.entries(fields) as [keyof EntryFields, unknown][]) {
    if (value === undefined) continue;
    writes.push({ path: ['entries', index, name], value: value === null ? undefined : tidy(name, value), plain: PLAIN_FIELDS.has(name) });
  }
  return writes;
}

/** Texts in NFC; a multi-line answer ends with a newline, so it stays a plain `|` block. */
function tidy(name: keyof EntryFields, value: unknown): unknown {
  const text = (item: string) => item.normalize('NFC');
  if (name === 'answer') {
    const answer = value as Record<string, string>;
    return Object.fromEntries(Object.entries(answer).map(([lang, item]) => [lang, multiLine(text(item))]));
  }
  if (name === 'question') return Object.fromEntries(Object.entries(value as Record<string, string>).map(([lang, item]) => [lang, cleanPhrasing(item)]));
  if (name === 'alternates') return Object.fromEntries(Object.entries(value as Record<string, string[]>).map(([lang, items]) => [lang, items.map(cleanPhrasing)]));
  return value;
}

function multiLine(text: string): string {
  const trimmed = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  return trimmed.includes('\n') ? `${trimmed}\n` : trimmed;
}

function write(files: Record<string, string>, file: string, source: string, writes: YamlSet[], position: number, entryId?: string): EditProblem | undefined {
  try {
    files[file] = editYaml(source, writes);
    return undefined;
  } catch (error) {
    if (!(error instanceof YamlEditError)) throw error;
    return { code: 'writeFailed', edit: position, ...(entryId ? { entryId } : {}), detail: error.message };
  }
}
