/**
 * Publishing staff changes: the one way content changes in production. A change (a list
 * of edits, content-change.ts) is written back into the YAML, passes the checks of
 * `npm run kb:check` (errors stop it; new warnings are shown and may be accepted), is
 * stored as an immutable version and made live by moving one pointer, only if nobody
 * moved it meanwhile. A change carries the version of each entry it started from: a
 * stale one is refused with both versions, and edits to different entries both land.
 *
 * The inbox (issue 19c) calls `preview` to show what a change does and `publish` on the
 * second click; the JSON API and the history tab call the rest.
 */
import { createTwoFilesPatch } from 'diff';
import { parseDocument } from 'yaml';
import type { Finding } from '../knowledge/checks';
import { applyChange, type EditProblem } from './apply-change';
import type { ContentChecker } from './check-files';
import { findingKey } from './check-files';
import { entriesTouched, type ContentChange, type EntryFields, type Lang } from './content-change';
import type { ContentRepository, Head } from './content-repository';
import { versionInfo, type StoredVersion, type VersionInfo, type VersionKind } from './content-store';
import { indexEntries, type ContentFiles, type EntryPlace } from './entry-index';

/**
 * The audit log (src/core/staff/audit.ts, issue 19a) as this service uses it: the same
 * shape, so its AuditSink is passed in as it is.
 */
export interface ContentAudit {
  record(event: { actor: string; action: string; target?: string; details?: Record<string, string | number | boolean> }): Promise<void>;
}

export interface DecisionSummary {
  decision: 'answer' | 'suggest' | 'fallback';
  id: string | null;
}

/** A real question or a KB phrasing that the change would answer differently. */
export interface ChangedDecision {
  text: string;
  lang?: Lang;
  /** A question from the question log, or a phrasing of the knowledge base (then its entry). */
  source: 'question' | 'phrasing';
  entryId?: string;
  before: DecisionSummary;
  after: DecisionSummary;
}

/** Computes which decisions a change alters (the inbox's preview, issue 19c). */
export type DecisionComparer = (candidate: ContentFiles, live: ContentFiles) => Promise<ChangedDecision[]>;

export interface FileDiff {
  file: string;
  /** A unified diff of the file's text. */
  patch: string;
}

export interface Preview {
  /** The live version the preview was made against. */
  baseVersion: string;
  /** Edits that cannot be made at all (unknown entry, alternate already there). */
  problems: EditProblem[];
  /** kb:check's errors, and warnings the live content does not already have. */
  findings: Finding[];
  changedDecisions: ChangedDecision[];
  diff: FileDiff[];
  /** Each touched entry's version after the change. */
  entryVersions: Record<string, string>;
  /** Each touched entry's live version the preview was made against: publish with it as `ifMatch`. */
  baseEntryVersions: Record<string, string>;
  /** Publishing would be refused: a problem or an error. */
  blocked: boolean;
  /** Publishing needs `acceptWarnings`. */
  hasWarnings: boolean;
}

export interface PublishOptions {
  /** Who: the principal's actor (`tid:oid` or `token`). */
  actor: string;
  /** Entry id -> the entry version the change started from; a different live version is a conflict. */
  ifMatch?: Readonly<Record<string, string>>;
  /** Publish although the checks warn (errors always stop it). */
  acceptWarnings?: boolean;
}

export interface EntryConflict {
  entryId: string;
  /** The version the change started from, and the live one. */
  expected: string;
  actual: string;
  /** The live entry's YAML, to show beside the staff member's draft. */
  liveText: string;
}

export type PublishResult =
  | { status: 'published'; version: string; entryVersions: Record<string, string>; findings: Finding[] }
  | { status: 'unchanged'; version: string }
  | { status: 'notFound'; entryId: string }
  | { status: 'conflict'; conflicts: EntryConflict[] }
  | { status: 'invalid'; problems: EditProblem[]; findings: Finding[] }
  /** Not published: new warnings; send again with acceptWarnings. */
  | { status: 'warnings'; findings: Finding[] };

/** An entry as staff read and edit it. */
export interface EntryView extends Required<Pick<EntryFields, 'question' | 'alternates' | 'answer' | 'followUps' | 'links' | 'sources'>> {
  id: string;
  area: string;
  file: string;
  version: string;
  reviewed?: string;
  validUntil?: string;
  tags: string[];
}

export interface ContentService {
  /** The live version's id. */
  liveVersion(): Promise<string>;
  entries(): Promise<EntryView[]>;
  /** The live version's knowledge files (content:pull). */
  liveFiles(): Promise<{ version: string; files: ContentFiles }>;
  entry(id: string): Promise<EntryView | undefined>;
  preview(change: ContentChange): Promise<Preview>;
  publish(change: ContentChange, options: PublishOptions): Promise<PublishResult>;
  /** The live version and the ones before it, newest first (up to `limit`, default 200). */
  history(limit?: number): Promise<VersionInfo[]>;
  /** A version's change against its parent. */
  versionDiff(id: string): Promise<{ version: VersionInfo; diff: FileDiff[] } | undefined>;
  /** Files a new image and staff both changed: the three texts, and each side's diff against the base. */
  conflicts(): Promise<ConflictView[]>;
  /** Settles a conflict: keep the live (staff) text or take the image's; the file is looked up among the conflicts. */
  resolveConflict(file: string, take: 'live' | 'image', options: { actor: string; acceptWarnings?: boolean }): Promise<PublishResult | { status: 'unknownConflict' }>;
  /** Makes a new version equal to an earlier one. */
  undo(id: string, options: { actor: string; acceptWarnings?: boolean }): Promise<PublishResult | { status: 'unknownVersion' }>;
}

export interface ConflictView {
  file: string;
  base?: string;
  image?: string;
  live?: string;
  /** base -> live (what staff changed) and base -> image (what the developers changed). */
  staffDiff: string;
  imageDiff: string;
}

export interface ContentServiceDeps {
  repository: ContentRepository;
  check: ContentChecker;
  compareDecisions?: DecisionComparer;
  audit?: ContentAudit;
  /** Called after the pointer moved: the caller makes this instance serve the version (and waits). */
  onPublished?: (version: StoredVersion) => Promise<void>;
}

/** Tries again from a fresh head when another instance moved the pointer between read and write. */
const COMMIT_ATTEMPTS = 4;

export function createContentService(deps: ContentServiceDeps): ContentService {
  const { repository, check } = deps;
  const liveFindings = new Map<string, Promise<Finding[]>>();
  let queue: Promise<unknown> = Promise.resolve();
  /** One publish at a time on this instance; other instances are kept apart by the pointer's tag. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const findingsOf = (head: Head): Promise<Finding[]> => {
    let found = liveFindings.get(head.version.id);
    if (!found) {
      found = check(head.files);
      found.catch(() => liveFindings.delete(head.version.id));
      liveFindings.set(head.version.id, found);
      if (liveFindings.size > 4) liveFindings.delete(liveFindings.keys().next().value as string);
    }
    return found;
  };

  /** Errors, and the warnings that the live content does not have already. */
  const newFindings = async (head: Head, files: ContentFiles): Promise<Finding[]> => {
    const [after, before] = await Promise.all([check(files), findingsOf(head)]);
    const known = new Set(before.filter((finding) => finding.severity === 'warning').map(findingKey));
    return after.filter((finding) => finding.severity === 'error' || !known.has(findingKey(finding)));
  };

  const conflictsOf = (head: Head, ifMatch: Readonly<Record<string, string>> | undefined, ids: string[]): EntryConflict[] => {
    if (!ifMatch) return [];
    const places = indexEntries(head.files);
    return ids.flatMap((entryId) => {
      const expected = ifMatch[entryId];
      const place = places.get(entryId);
      if (expected === undefined || !place || place.version === expected) return [];
      return [{ entryId, expected, actual: place.version, liveText: place.text }];
    });
  };

  /** Each of `ids`' entry version in `files`. */
  const versionsAfter = (files: ContentFiles, ids: string[]): Record<string, string> => {
    const places = indexEntries(files);
    return Object.fromEntries(ids.flatMap((id) => (places.has(id) ? [[id, (places.get(id) as EntryPlace).version]] : [])));
  };

  const commit = async (
    build: (head: Head) => Promise<PublishResult | { files: ContentFiles; entries: string[]; findings: Finding[] }>,
    info: { actor: string; kind: VersionKind; note?: string; restores?: string },
  ): Promise<PublishResult> =>
    serial(async () => {
      for (let attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
        const head = await repository.head();
        const built = await build(head);
        if ('status' in built) return built;
        const version = await repository.commit(head, built.files, { ...info, entries: built.entries });
        if (!version) continue;
        await deps.audit?.record({
          actor: info.actor,
          action: info.kind === 'undo' ? 'content.undo' : 'content.publish',
          target: version.id,
          details: { entries: built.entries.join(','), files: version.changedFiles.join(','), ...(info.restores ? { restores: info.restores } : {}) },
        });
        await deps.onPublished?.(version);
        return { status: 'published', version: version.id, entryVersions: versionsAfter(built.files, built.entries), findings: built.findings };
      }
      throw new Error('the live content kept changing while publishing; try again');
    });

  const diffFiles = (before: ContentFiles, after: ContentFiles): FileDiff[] =>
    [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .sort()
      .filter((file) => before[file] !== after[file])
      .map((file) => ({ file, patch: createTwoFilesPatch(`a/knowledge/${file}`, `b/knowledge/${file}`, before[file] ?? '', after[file] ?? '', undefined, undefined, { context: 3 }) }));

  return {
    async liveVersion() {
      return (await repository.head()).version.id;
    },

    async liveFiles() {
      const head = await repository.head();
      return { version: head.version.id, files: head.files };
    },

    async entries() {
      return entryViews((await repository.head()).files);
    },

    async entry(id) {
      return entryViews((await repository.head()).files).find((entry) => entry.id === id);
    },

    async preview(change) {
      const head = await repository.head();
      const applied = applyChange(head.files, change);
      if (!applied.ok) {
        return { baseVersion: head.version.id, problems: applied.problems, findings: [], changedDecisions: [], diff: [], entryVersions: {}, baseEntryVersions: {}, blocked: true, hasWarnings: false };
      }
      const [findings, changedDecisions] = await Promise.all([
        newFindings(head, applied.files),
        deps.compareDecisions ? deps.compareDecisions(applied.files, head.files) : Promise.resolve([]),
      ]);
      return {
        baseVersion: head.version.id,
        problems: [],
        findings,
        changedDecisions,
        diff: diffFiles(head.files, applied.files),
        entryVersions: versionsAfter(applied.files, applied.entries),
        baseEntryVersions: versionsAfter(head.files, applied.entries),
        blocked: findings.some((finding) => finding.severity === 'error'),
        hasWarnings: findings.some((finding) => finding.severity === 'warning'),
      };
    },

    publish(change, options) {
      return commit(
        async (head) => {
          const ids = entriesTouched(change);
          const places = indexEntries(head.files);
          const missing = ids.find((id) => !places.has(id));
          if (missing) return { status: 'notFound', entryId: missing };
          const conflicts = conflictsOf(head, options.ifMatch, ids);
          if (conflicts.length > 0) return { status: 'conflict', conflicts };
          const applied = applyChange(head.files, change);
          if (!applied.ok) return { status: 'invalid', problems: applied.problems, findings: [] };
          if (applied.changedFiles.length === 0) return { status: 'unchanged', version: head.version.id };
          const findings = await newFindings(head, applied.files);
          if (findings.some((finding) => finding.severity === 'error')) return { status: 'invalid', problems: [], findings };
          if (findings.length > 0 && !options.acceptWarnings) return { status: 'warnings', findings };
          return { files: applied.files, entries: applied.entries, findings };
        },
        { actor: options.actor, kind: 'edit', ...(change.note ? { note: change.note } : {}) },
      );
    },

    async history(limit = 200) {
      return (await repository.lineage(limit)).map(versionInfo);
    },

    async versionDiff(id) {
      const version = await repository.store.readVersion(id);
      if (!version) return undefined;
      const parent = version.parent ? await repository.store.readVersion(version.parent) : undefined;
      const before = parent ? await repository.filesOf(parent) : {};
      return { version: versionInfo(version), diff: diffFiles(before, await repository.filesOf(version)) };
    },

    async conflicts() {
      const head = await repository.head();
      return Promise.all(
        (head.pointer.conflicts ?? []).map(async (conflict) => {
          const hashes = Object.fromEntries(
            (['base', 'image', 'live'] as const).flatMap((side) => (conflict[side] ? [[side, conflict[side] as string]] : [])),
          );
          const texts = await repository.store.readFiles(hashes);
          const patch = (to: string | undefined, label: string) =>
            createTwoFilesPatch(`base/${conflict.file}`, `${label}/${conflict.file}`, texts.base ?? '', to ?? '', undefined, undefined, { context: 3 });
          return { file: conflict.file, ...texts, staffDiff: patch(texts.live, 'live'), imageDiff: patch(texts.image, 'image') };
        }),
      );
    },

    async resolveConflict(file, take, options) {
      const known = (await repository.head()).pointer.conflicts?.find((conflict) => conflict.file === file);
      if (!known) return { status: 'unknownConflict' };
      return serial(async () => {
        for (let attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
          const head = await repository.head();
          const conflict = head.pointer.conflicts?.find((item) => item.file === file);
          if (!conflict) return { status: 'unchanged', version: head.version.id };
          const remaining = (head.pointer.conflicts ?? []).filter((item) => item !== conflict);
          let files = head.files;
          if (take === 'image') {
            const next: Record<string, string> = { ...head.files };
            if (conflict.image) next[conflict.file] = (await repository.store.readFiles({ [conflict.file]: conflict.image }))[conflict.file] ?? '';
            else delete next[conflict.file];
            files = next;
          }
          if (files === head.files) {
            if (await repository.movePointer(head, { conflicts: remaining })) {
              await deps.audit?.record({ actor: options.actor, action: 'content.resolve', target: head.version.id, details: { file, take } });
              return { status: 'unchanged', version: head.version.id };
            }
            continue;
          }
          const findings = await newFindings(head, files);
          if (findings.some((finding) => finding.severity === 'error')) return { status: 'invalid', problems: [], findings };
          if (findings.length > 0 && !options.acceptWarnings) return { status: 'warnings', findings };
          const version = await repository.commit(head, files, { actor: options.actor, kind: 'resolve', entries: [], note: `${file}: the new image's version` }, { conflicts: remaining });
          if (!version) continue;
          await deps.audit?.record({ actor: options.actor, action: 'content.resolve', target: version.id, details: { file, take } });
          await deps.onPublished?.(version);
          return { status: 'published', version: version.id, entryVersions: {}, findings };
        }
        throw new Error('the live content kept changing while publishing; try again');
      });
    },

    async undo(id, options) {
      const target = await repository.store.readVersion(id);
      if (!target) return { status: 'unknownVersion' };
      const files = await repository.filesOf(target);
      return commit(
        async (head) => {
          const changed = diffFiles(head.files, files);
          if (changed.length === 0) return { status: 'unchanged', version: head.version.id };
          const findings = await newFindings(head, files);
          if (findings.some((finding) => finding.severity === 'error')) return { status: 'invalid', problems: [], findings };
          if (findings.length > 0 && !options.acceptWarnings) return { status: 'warnings', findings };
          const before = indexEntries(head.files);
          const after = indexEntries(files);
          const entries = [...new Set([...before.keys(), ...after.keys()])].filter((entryId) => before.get(entryId)?.version !== after.get(entryId)?.version);
          return { files, entries, findings };
        },
        { actor: options.actor, kind: 'undo', restores: id },
      );
    },
  };
}

/** The entries of some files as staff read them (files that do not parse are skipped; kb:check names them). */
export function entryViews(files: ContentFiles): EntryView[] {
  const views: EntryView[] = [];
  const places = indexEntries(files);
  for (const place of places.values()) {
    const data = parseDocument(files[place.file] ?? '').toJS() as { area?: string; entries?: Record<string, unknown>[] } | null;
    const entry = data?.entries?.[place.index] ?? {};
    const text = (value: unknown) => (typeof value === 'string' ? value : value instanceof Date ? value.toISOString().slice(0, 10) : undefined);
    const bilingual = (value: unknown) => {
      const record = (value ?? {}) as Record<string, unknown>;
      return { vi: text(record.vi) ?? '', en: text(record.en) ?? '' };
    };
    const list = (value: unknown) => (Array.isArray(value) ? value.map((item) => String(item)) : []);
    const alternates = (entry.alternates ?? {}) as Record<string, unknown>;
    const reviewed = text(entry.reviewed);
    const validUntil = text(entry.validUntil);
    views.push({
      id: place.id,
      area: data?.area ?? '',
      file: place.file,
      version: place.version,
      question: bilingual(entry.question),
      alternates: { vi: list(alternates.vi), en: list(alternates.en) },
      answer: bilingual(entry.answer),
      followUps: list(entry.followUps),
      links: Array.isArray(entry.links) ? (entry.links as { title?: unknown; url?: unknown }[]).map((link) => ({ title: bilingual(link.title), url: String(link.url ?? '') })) : [],
      sources: list(entry.sources),
      tags: list(entry.tags),
      ...(reviewed ? { reviewed } : {}),
      ...(validUntil ? { validUntil } : {}),
    });
  }
  return views;
}
