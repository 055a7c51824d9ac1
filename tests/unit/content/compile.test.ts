/**
 * The compile step: a bundle is identified by the hash of its inputs, stored as plain
 * data, and opened from the store without training, deciding exactly as the compiled one.
 */
import { isAscii } from 'node:buffer';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compileContent, forgetOpenedContent, loadContentBundle, openContent, readContentSources, type ContentPaths } from '../../../src/core/content/bundle';
import { fingerprintOf, knowledgeHash } from '../../../src/core/knowledge/compiled';
import { DiskArtefactStore, packJson, unpackJson } from '../../../src/core/storage/artefacts';
import { CountingStore } from '../../helpers/counting-store';

const ROOT = path.resolve(__dirname, '../../..');
let work: string;
let paths: ContentPaths;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'compile-'));
  for (const part of ['knowledge', 'dialogs', 'locales']) await cp(path.join(ROOT, part), path.join(work, part), { recursive: true });
  paths = { knowledgeDir: path.join(work, 'knowledge'), dialogsDir: path.join(work, 'dialogs'), localesDir: path.join(work, 'locales') };
});
afterAll(() => rm(work, { recursive: true, force: true }));

const QUESTIONS = ['hoc bong pn co bao gom cho o ko ad', 'How much does the AZ-900 exam cost?', 'thời tiết hôm nay thế nào', 'còn visa thì sao'];

it('stores a compiled bundle and opens it again without training, deciding the same', async () => {
  const dir = path.join(work, 'cache-a');
  const first = new CountingStore(new DiskArtefactStore(dir));
  const compiled = await loadContentBundle(paths, { store: first });
  expect(first.writes.filter((name) => name.startsWith('knowledge-'))).toHaveLength(1);
  expect(compiled.hash).toMatch(/^[0-9a-f]{64}$/);

  // As a new process would: nothing in memory, the same folder on disk.
  forgetOpenedContent();
  const second = new CountingStore(new DiskArtefactStore(dir));
  const reopened = await loadContentBundle(paths, { store: second });
  expect(reopened.hash).toBe(compiled.hash);
  expect(second.reads.filter((name) => name.startsWith('knowledge-'))).toHaveLength(1);
  // Found in the store: nothing was trained or checked again, so nothing new was written.
  expect(second.writes).toEqual([]);
  expect(reopened.answerer).not.toBe(compiled.answerer);
  for (const text of QUESTIONS) expect(reopened.answerer.decide(text)).toEqual(compiled.answerer.decide(text));
  // The validated entries, thresholds and flows came from the bundle, as the YAML gives them.
  expect(reopened.answerer.content.kb.entries).toEqual(compiled.answerer.content.kb.entries);
  expect(reopened.answerer.content.thresholds).toEqual(compiled.answerer.content.thresholds);
  expect(reopened.flows.flows).toEqual(compiled.flows.flows);
  expect([...reopened.flows.byId.keys()]).toEqual([...compiled.flows.byId.keys()]);

  // In the same process the second load comes from memory: the store is not even asked.
  const third = new CountingStore(new DiskArtefactStore(dir));
  await loadContentBundle(paths, { store: third });
  expect(third.reads).toEqual([]);
}, 180_000); // trains once: slow on a busy machine


it('opens a stored version by its hash alone, as another instance would', async () => {
  // The store of the test above, which holds the compiled knowledge.
  const store = new DiskArtefactStore(path.join(work, 'cache-a'));
  const compiled = await loadContentBundle(paths, { store });
  forgetOpenedContent();
  const opened = await openContent(compiled.hash, store);
  expect(opened.hash).toBe(compiled.hash);
  for (const text of QUESTIONS) expect(opened.answerer.decide(text)).toEqual(compiled.answerer.decide(text));
  expect(opened.t('en', 'help.text')).toBe(compiled.t('en', 'help.text'));
});

it('hashes the texts, not where they were read from', async () => {
  const sources = await readContentSources(paths);
  const moved = sources.knowledge.map((file) => ({ ...file, display: `elsewhere/${file.name}` }));
  expect(knowledgeHash(moved)).toBe(knowledgeHash(sources.knowledge));
  const edited = sources.knowledge.map((file, index) => (index === 0 ? { ...file, text: `${file.text} ` } : file));
  expect(knowledgeHash(edited)).not.toBe(knowledgeHash(sources.knowledge));
});

it('changes the bundle hash when a string changes, and takes the new string', async () => {
  const store = new DiskArtefactStore(path.join(work, 'cache-c'));
  const before = await loadContentBundle(paths, { store });
  const file = path.join(paths.localesDir, 'en', 'translation.json');
  const original = await readFile(file, 'utf8');
  const strings = JSON.parse(original) as Record<string, unknown>;
  (strings.help as Record<string, string>).text = 'Changed help';
  await writeFile(file, JSON.stringify(strings));
  try {
    const after = await loadContentBundle(paths, { store });
    expect(after.hash).not.toBe(before.hash);
    expect(after.t('en', 'help.text')).toBe('Changed help');
  } finally {
    await writeFile(file, original);
  }
});

it('rejects bad content whatever the store holds', async () => {
  const store = new DiskArtefactStore(path.join(work, 'cache-d'));
  await loadContentBundle(paths, { store });
  const file = path.join(paths.knowledgeDir, 'pn.yaml');
  const original = await readFile(file, 'utf8');
  await writeFile(file, `${original}\n  - id: [broken\n`);
  try {
    await expect(loadContentBundle(paths, { store })).rejects.toThrow(/pn\.yaml:\d+/);
  } finally {
    await writeFile(file, original);
  }
});

it('names the files as this process reads them, whoever compiled the bundle', async () => {
  const store = new DiskArtefactStore(path.join(work, 'cache-a'));
  const compiled = await loadContentBundle(paths, { store });
  // Another process (another working folder) opens what this one compiled.
  const elsewhere = await readContentSources(paths);
  const moved = {
    knowledge: elsewhere.knowledge.map((file) => ({ ...file, display: `other/${file.name}` })),
    dialogs: elsewhere.dialogs.map((file) => ({ ...file, display: `other-dialogs/${file.name}` })),
    locales: elsewhere.locales,
  };
  forgetOpenedContent();
  const opened = await compileContent(moved, { store });
  expect(opened.hash).toBe(compiled.hash);
  const entry = opened.answerer.entry('pn.eligibility');
  expect(entry?.location.file).toBe('other/pn.yaml');
  expect(entry?.location.line).toBe(compiled.answerer.entry('pn.eligibility')?.location.line);
  for (const flow of opened.flows.flows) expect(flow.location.file).toBe(`other-dialogs/${flow.id}.yaml`);
});

it('never trusts a damaged or foreign artefact: it compiles again and decides as a fresh compile', async () => {
  // A small knowledge base without flows: it is compiled once per damage.
  const small: ContentPaths = { knowledgeDir: path.join(ROOT, 'tests/fixtures/content/knowledge'), dialogsDir: path.join(work, 'no-dialogs'), localesDir: paths.localesDir };
  await mkdir(small.dialogsDir, { recursive: true });
  const store = new DiskArtefactStore(path.join(work, 'cache-small'));
  const good = await loadContentBundle(small, { store });
  const sources = await readContentSources(small);
  const name = `knowledge-${knowledgeHash(sources.knowledge)}`;
  const original = (await store.read(name)) as string;
  const stored = unpackJson(original) as { files: { name: string; text: string }[]; matcher: { model: { weights: Float32Array } } };
  const damaged = {
    truncated: original.slice(0, Math.floor(original.length / 2)),
    'not JSON': 'null',
    'another content under this name': packJson({ ...stored, files: stored.files.map((file, index) => (index === 0 ? { ...file, text: `${file.text}\n# other` } : file)) }),
    'weights of another shape': packJson({ ...stored, matcher: { ...stored.matcher, model: { ...stored.matcher.model, weights: stored.matcher.model.weights.subarray(1) } } }),
  };
  try {
    for (const [what, text] of Object.entries(damaged)) {
      await store.write(name, text);
      forgetOpenedContent();
      const counting = new CountingStore(store);
      const problems: unknown[] = [];
      const bundle = await loadContentBundle(small, { store: counting, onStoreError: (error) => problems.push(error) });
      expect({ what, compiledAgain: counting.writes.includes(name), told: problems.length > 0 }).toEqual({ what, compiledAgain: true, told: true });
      for (const text of QUESTIONS) expect(bundle.answerer.decide(text)).toEqual(good.answerer.decide(text));
    }
  } finally {
    await store.write(name, original);
  }
}, 300_000); // trains a small knowledge base four times

it('changes the compiler fingerprint with the code that parses flows, not only the matching code', async () => {
  // Compiled content keeps parsed flows: flows compiled by another version of their parser must not be opened.
  const core = path.join(work, 'core');
  for (const folder of ['language', 'yaml', 'settings', 'knowledge', 'flows']) await cp(path.join(ROOT, 'src/core', folder), path.join(core, folder), { recursive: true });
  const before = fingerprintOf(core);
  expect(fingerprintOf(path.join(ROOT, 'src/core'))).toBe(before);
  const schema = path.join(core, 'flows', 'schema.ts');
  await writeFile(schema, `${await readFile(schema, 'utf8')}\n// another version\n`);
  expect(fingerprintOf(core)).not.toBe(before);
});

it('stores typed arrays as their bytes after ASCII JSON, and still reads an artefact written as JSON with base64 before', async () => {
  const value = { text: 'Học phí ở Đà Nẵng bao nhiêu ạ? 😀 “quoted” don’t', weights: Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i)) };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pn-packed-'));
  try {
    const store = new DiskArtefactStore(dir);
    await store.write('packed', packJson(value));
    const file = await readFile(path.join(dir, 'packed.json'));
    // 4,000 bytes of weights as they are (base64 would take 5,336), the JSON before them in ASCII.
    expect(file.length).toBeLessThan(4_000 + 300);
    expect(isAscii(file.subarray(0, file.length - 4_000))).toBe(true);
    const back = unpackJson((await store.read('packed')) as string) as typeof value;
    expect(back.text).toBe(value.text);
    expect([...back.weights]).toEqual([...value.weights]);
    // An artefact an earlier version wrote: UTF-8 JSON, typed arrays as base64.
    const base64 = Buffer.from(value.weights.buffer).toString('base64');
    await writeFile(path.join(dir, 'older.json'), JSON.stringify({ text: value.text, weights: { $typed: 'f32', base64 } }));
    const older = unpackJson((await store.read('older')) as string) as typeof value;
    expect(older.text).toBe(value.text);
    expect([...older.weights]).toEqual([...value.weights]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('does not open a packed artefact cut short', () => {
  const packed = packJson({ weights: Float32Array.of(1, 2, 3) });
  expect(() => unpackJson(packed.slice(0, -2))).toThrow();
  expect(() => unpackJson(packed.slice(0, 20))).toThrow();
});

it('packs typed arrays to the bit', () => {
  const value = { f: Float32Array.of(0.1, -3.5e-20, Number.NaN), d: Float64Array.of(Math.PI, -0), i: Int32Array.of(-1, 2 ** 31 - 1) };
  const back = unpackJson(packJson(value)) as typeof value;
  expect(back.f).toEqual(value.f);
  expect(Object.is(back.d[1], -0)).toBe(true);
  expect([...back.d]).toEqual([...value.d]);
  expect([...back.i]).toEqual([...value.i]);
});
