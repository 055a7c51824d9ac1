/**
 * Publishing through the content service on a copy of the real knowledge folder: the
 * write-back touches only the entry's lines, a stale change is refused with both
 * versions, two staff at once on different entries both land, a broken edit never
 * reaches the files, and undo makes a new version equal to an old one.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyChange } from '../../src/core/staff/apply-change';
import { createContentChecker } from '../../src/core/staff/check-files';
import { readContentFolder } from '../../src/core/staff/content-repository';
import { ContentRepository } from '../../src/core/staff/content-repository';
import { createContentService, type ContentService } from '../../src/core/staff/content-service';
import { FolderContentStore } from '../../src/core/staff/folder-store';

const ROOT = path.resolve(__dirname, '../..');

let work: string;
let knowledge: string;
let service: ContentService;
let published: string[];

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'content-service-'));
  knowledge = path.join(work, 'knowledge');
  // A small knowledge base: kb:check on it takes a second, not the real one's ten.
  cpSync(path.join(ROOT, 'tests/fixtures/content/knowledge'), knowledge, { recursive: true });
  published = [];
  const repository = new ContentRepository({ store: new FolderContentStore(path.join(work, 'data/content')), folder: knowledge });
  service = createContentService({
    repository,
    check: createContentChecker({ now: () => new Date('2026-12-03T08:00:00Z') }),
    onPublished: async (version) => {
      published.push(version.id);
    },
  });
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The changed lines of `git diff --no-index` between two texts, without the headers. */
function changedLines(before: string, after: string): string[] {
  const beforeFile = path.join(work, 'before.yaml');
  const afterFile = path.join(work, 'after.yaml');
  writeFileSync(beforeFile, before);
  writeFileSync(afterFile, after);
  let out = '';
  try {
    execFileSync('git', ['diff', '--no-index', '--unified=0', beforeFile, afterFile], { encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  return out.split('\n').filter((line) => /^[-+](?![-+])/.test(line));
}

test('on the real knowledge files, an alternate changes one line in git diff, and edited fields only their own lines', async () => {
  const files = await readContentFolder(path.join(ROOT, 'knowledge'));
  const added = applyChange(files, { edits: [{ kind: 'addAlternate', entryId: 'pn.vietnam', lang: 'vi', text: '  PNV  ở Đà Nẵng có từ bao giờ vậy ad ' }] });
  if (!added.ok) throw new Error(JSON.stringify(added.problems));
  expect(added.changedFiles).toEqual(['pn.yaml']);
  expect(changedLines(files['pn.yaml'] ?? '', added.files['pn.yaml'] ?? '')).toEqual(['+        - "PNV ở Đà Nẵng có từ bao giờ vậy ad"']);

  const edited = applyChange(files, { edits: [{ kind: 'editEntry', entryId: 'ms.exam-changes', fields: { reviewed: '2027-01-15', question: { vi: 'Kỳ thi Microsoft thay đổi gì?', en: 'What changed in Microsoft exams?' } } }] });
  if (!edited.ok) throw new Error(JSON.stringify(edited.problems));
  const lines = changedLines(files['ms.yaml'] ?? '', edited.files['ms.yaml'] ?? '');
  expect(lines.filter((line) => line.startsWith('+'))).toEqual(['+      vi: "Kỳ thi Microsoft thay đổi gì?"', '+      en: "What changed in Microsoft exams?"', '+    reviewed: 2027-01-15']);
  expect(lines.filter((line) => line.startsWith('-'))).toHaveLength(3);

  const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));
  expect(comments(edited.files['ms.yaml'] ?? '')).toEqual(comments(files['ms.yaml'] ?? ''));
});

test('an alternate published through the service is in the folder, and the entry has a new version', async () => {
  const file = path.join(knowledge, 'pn.yaml');
  const before = readFileSync(file, 'utf8');
  const entry = await service.entry('pn.scholarship');
  const result = await service.publish({ edits: [{ kind: 'addAlternate', entryId: 'pn.scholarship', lang: 'vi', text: 'hoc bong pn co bao an o khong' }] }, { actor: 'token', ifMatch: { 'pn.scholarship': entry?.version ?? '' } });
  expect(result.status).toBe('published');
  expect(changedLines(before, readFileSync(file, 'utf8'))).toEqual(['+        - "hoc bong pn co bao an o khong"']);
  const after = await service.entry('pn.scholarship');
  expect(after?.alternates.vi).toContain('hoc bong pn co bao an o khong');
  expect(after?.version).not.toBe(entry?.version);
  expect((await service.entry('pn.about'))?.version).toBe((await service.entry('pn.about'))?.version);
  expect(published).toEqual([result.status === 'published' ? result.version : '']);
});

test('a change that started from an older version of the entry is refused with both versions; another entry still lands', async () => {
  const start = await service.entry('pn.about');
  const other = await service.entry('jp.programme');
  const first = await service.publish({ edits: [{ kind: 'addAlternate', entryId: 'pn.about', lang: 'en', text: 'what kind of group is PN' }] }, { actor: 'staff-a', ifMatch: { 'pn.about': start?.version ?? '' } });
  expect(first.status).toBe('published');
  const stale = await service.publish({ edits: [{ kind: 'addAlternate', entryId: 'pn.about', lang: 'en', text: 'who runs PN' }] }, { actor: 'staff-b', ifMatch: { 'pn.about': start?.version ?? '' } });
  expect(stale.status).toBe('conflict');
  if (stale.status !== 'conflict') return;
  expect(stale.conflicts[0]).toMatchObject({ entryId: 'pn.about', expected: start?.version });
  expect(stale.conflicts[0]?.liveText).toContain('what kind of group is PN');
  const elsewhere = await service.publish({ edits: [{ kind: 'addAlternate', entryId: 'jp.programme', lang: 'en', text: 'is the japan programme free' }] }, { actor: 'staff-b', ifMatch: { 'jp.programme': other?.version ?? '' } });
  expect(elsewhere.status).toBe('published');
  const about = await service.entry('pn.about');
  expect(about?.alternates.en).toContain('what kind of group is PN');
  expect(about?.alternates.en).not.toContain('who runs PN');
});

test('two staff publishing the same entry at once: one wins, the other is told, nothing is lost', async () => {
  const start = await service.entry('pn.about');
  const ifMatch = { 'pn.about': start?.version ?? '' };
  const results = await Promise.all([
    service.publish({ edits: [{ kind: 'addAlternate', entryId: 'pn.about', lang: 'vi', text: 'pn là tổ chức gì vậy ạ' }] }, { actor: 'staff-a', ifMatch }),
    service.publish({ edits: [{ kind: 'addAlternate', entryId: 'pn.about', lang: 'vi', text: 'tổ chức pn ở nước nào' }] }, { actor: 'staff-b', ifMatch }),
  ]);
  expect(results.map((result) => result.status).sort()).toEqual(['conflict', 'published']);
  const winner = results[0]?.status === 'published' ? 'pn là tổ chức gì vậy ạ' : 'tổ chức pn ở nước nào';
  expect((await service.entry('pn.about'))?.alternates.vi).toContain(winner);
  expect((await service.history()).filter((version) => version.kind === 'edit')).toHaveLength(1);
});

test('a broken edit is refused with the checks\' errors and never reaches the files', async () => {
  const before = readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8');
  const result = await service.publish({ edits: [{ kind: 'editEntry', entryId: 'pn.about', fields: { followUps: ['pn.does-not-exist'] } }] }, { actor: 'token' });
  expect(result.status).toBe('invalid');
  if (result.status === 'invalid') expect(result.findings.map((finding) => finding.code)).toContain('load');
  expect(readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8')).toBe(before);
  expect(published).toHaveLength(0);
});

test('a change that raises a new warning waits for acceptWarnings; accepted, it goes live', async () => {
  const before = readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8');
  const change = { edits: [{ kind: 'editEntry' as const, entryId: 'pn.about', fields: { validUntil: '2026-01-31' } }] };
  const waiting = await service.publish(change, { actor: 'token' });
  expect(waiting.status).toBe('warnings');
  if (waiting.status === 'warnings') expect(waiting.findings.map((finding) => finding.code)).toContain('expired');
  expect(readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8')).toBe(before);
  expect(published).toHaveLength(0);
  const accepted = await service.publish(change, { actor: 'token', acceptWarnings: true });
  expect(accepted.status).toBe('published');
  expect(readFileSync(path.join(knowledge, 'pn.yaml'), 'utf8')).toContain('2026-01-31');
  expect(published).toHaveLength(1);
});

test('unknown entries and repeated alternates are refused before any check', async () => {
  expect(await service.publish({ edits: [{ kind: 'addAlternate', entryId: 'pn.nope', lang: 'vi', text: 'x' }] }, { actor: 'token' })).toEqual({ status: 'notFound', entryId: 'pn.nope' });
  const entry = await service.entry('pn.about');
  const repeated = await service.publish({ edits: [{ kind: 'addAlternate', entryId: 'pn.about', lang: 'en', text: (entry?.alternates.en[0] ?? '').toUpperCase() }] }, { actor: 'token' });
  expect(repeated).toMatchObject({ status: 'invalid', problems: [{ code: 'alternateExists', entryId: 'pn.about' }] });
});

test('undo makes a new version equal to the earlier one, and history says who and what', async () => {
  const original = readFileSync(path.join(knowledge, 'offtopic.yaml'), 'utf8');
  const first = await service.publish({ edits: [{ kind: 'addOffTopic', lang: 'en', text: 'what is the weather in Hue' }] }, { actor: 'staff-a' });
  expect(first.status).toBe('published');
  const history = await service.history();
  const seed = history.find((version) => version.kind === 'seed');
  expect(history[0]).toMatchObject({ actor: 'staff-a', kind: 'edit', changedFiles: ['offtopic.yaml'] });
  const diff = await service.versionDiff(history[0]?.id ?? '');
  expect(diff?.diff[0]?.patch).toContain('+  - "what is the weather in Hue"');
  const undone = await service.undo(seed?.id ?? '', { actor: 'staff-b' });
  expect(undone.status).toBe('published');
  expect(readFileSync(path.join(knowledge, 'offtopic.yaml'), 'utf8')).toBe(original);
  expect((await service.history())[0]).toMatchObject({ actor: 'staff-b', kind: 'undo', restores: seed?.id });
});
