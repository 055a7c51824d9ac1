/**
 * The Blob side of the compiled-content cache (STORAGE=blob: the `compiled-content`
 * container every instance reads), on a real Blob server (Azurite): a bundle one instance
 * compiled is opened by another without training; a corrupted or foreign blob under the
 * bundle's name is never trusted: it is reported, compiled again and replaced.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileContent, forgetOpenedContent, loadContentBundle, openContent, readContentSources, type ContentPaths } from '../../src/core/content/bundle';
import { knowledgeHash } from '../../src/core/knowledge/compiled';
import { BlobArtefactStore, DiskArtefactStore, LayeredArtefactStore, packJson, unpackJson } from '../../src/core/storage/artefacts';
import { Container, containerClient } from '../../src/core/storage/blob-container';
import { COMPILED_CONTENT_CONTAINER } from '../../src/app';
import { connectionString, freePort, startAzurite } from './azurite';
import { CountingStore } from '../helpers/counting-store';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const QUESTIONS = ['hoc bong pn co bao gom cho o ko ad', 'What is PN?', 'thời tiết hôm nay thế nào', 'chương trình Nhật Bản là gì'];

let azurite: ChildProcess;
let port: number;
let work: string;
/** A small knowledge base without flows: compiled in a moment, several times. */
let paths: ContentPaths;

/** A store as an instance builds it: its own client of the shared container. */
function blobStore(): BlobArtefactStore {
  return new BlobArtefactStore(new Container(containerClient({ connectionString: connectionString(port) }, COMPILED_CONTENT_CONTAINER)));
}

/** The blob's text, written behind the stores' backs (what another version or a fault left there). */
async function putBlob(name: string, text: string): Promise<void> {
  const client = containerClient({ connectionString: connectionString(port) }, COMPILED_CONTENT_CONTAINER);
  await client.getBlockBlobClient(`compiled/${name}.json`).upload(text, Buffer.byteLength(text));
}

async function blobNames(): Promise<string[]> {
  const client = containerClient({ connectionString: connectionString(port) }, COMPILED_CONTENT_CONTAINER);
  const names: string[] = [];
  for await (const blob of client.listBlobsFlat()) names.push(blob.name);
  return names.sort();
}

beforeAll(async () => {
  port = await freePort();
  azurite = await startAzurite(port);
  work = await mkdtemp(path.join(tmpdir(), 'compiled-blob-'));
  paths = { knowledgeDir: path.join(ROOT, 'tests/fixtures/content/knowledge'), dialogsDir: path.join(work, 'no-dialogs'), localesDir: path.join(ROOT, 'locales') };
  await mkdir(paths.dialogsDir, { recursive: true });
});

afterAll(async () => {
  if (azurite && azurite.exitCode === null) azurite.kill();
  await rm(work, { recursive: true, force: true });
});

beforeEach(() => forgetOpenedContent());

it('opens on one instance the bundle another compiled into Blob, without training, deciding the same', async () => {
  const first = new CountingStore(blobStore());
  const compiled = await loadContentBundle(paths, { store: first });
  const sources = await readContentSources(paths);
  const knowledgeName = `knowledge-${knowledgeHash(sources.knowledge)}`;
  expect(first.writes.sort()).toEqual([`content-${compiled.hash}`, knowledgeName].sort());
  expect(await blobNames()).toEqual([`compiled/content-${compiled.hash}.json`, `compiled/${knowledgeName}.json`].sort());

  // Another instance: another process (nothing in memory), another client of the container.
  forgetOpenedContent();
  const second = new CountingStore(blobStore());
  const opened = await loadContentBundle(paths, { store: second });
  expect(opened.hash).toBe(compiled.hash);
  expect(second.writes).toEqual([]);
  for (const text of QUESTIONS) expect(opened.answerer.decide(text)).toEqual(compiled.answerer.decide(text));
  expect(opened.answerer.content.kb.entries).toEqual(compiled.answerer.content.kb.entries);

  // And by its hash alone, as an instance following a published version does.
  forgetOpenedContent();
  const byHash = await openContent(compiled.hash, blobStore());
  expect(byHash.hash).toBe(compiled.hash);
  for (const text of QUESTIONS) expect(byHash.answerer.decide(text)).toEqual(compiled.answerer.decide(text));
});

it('copies a bundle found in Blob into the instance’s own folder, which the next start reads first', async () => {
  const compiled = await loadContentBundle(paths, { store: blobStore() });
  forgetOpenedContent();
  const disk = new DiskArtefactStore(path.join(work, 'instance-cache'));
  await loadContentBundle(paths, { store: new LayeredArtefactStore([disk, blobStore()]) });
  const sources = await readContentSources(paths);
  expect(await disk.read(`knowledge-${knowledgeHash(sources.knowledge)}`)).toBeDefined();
  expect(await disk.read(`content-${compiled.hash}`)).toBeDefined();
});

describe('a blob that is not this content’s is never trusted', () => {
  let good: Awaited<ReturnType<typeof loadContentBundle>>;
  let knowledgeName: string;
  let original: string;

  beforeAll(async () => {
    good = await loadContentBundle(paths, { store: blobStore() });
    knowledgeName = `knowledge-${knowledgeHash((await readContentSources(paths)).knowledge)}`;
    original = (await blobStore().read(knowledgeName)) as string;
  });

  const damaged: Record<string, () => string> = {
    'cut short': () => original.slice(0, Math.floor(original.length / 3)),
    'not JSON at all': () => 'garbage \u0000 bytes',
    'another content under this name': () => {
      const stored = unpackJson(original) as { files: { text: string }[] };
      return packJson({ ...stored, files: stored.files.map((file, index) => (index === 0 ? { ...file, text: `${file.text}\n# edited elsewhere` } : file)) });
    },
    'an older format': () => packJson({ ...(unpackJson(original) as object), format: 1 }),
  };

  for (const [what, text] of Object.entries(damaged)) {
    it(`${what}: reported, compiled again and replaced`, async () => {
      await putBlob(knowledgeName, text());
      const store = new CountingStore(blobStore());
      const told: unknown[] = [];
      const bundle = await loadContentBundle(paths, { store, onStoreError: (error) => told.push(error) });
      expect(told.length).toBeGreaterThan(0);
      expect(store.writes).toContain(knowledgeName);
      for (const question of QUESTIONS) expect(bundle.answerer.decide(question)).toEqual(good.answerer.decide(question));
      // The blob holds this content's bundle again: the next instance opens it without training.
      forgetOpenedContent();
      const next = new CountingStore(blobStore());
      await compileContent(await readContentSources(paths), { store: next });
      expect(next.writes).toEqual([]);
    });
  }
});
