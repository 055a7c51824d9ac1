/**
 * `npm run content:pull`: production content into a checkout, so staff edits can be
 * committed to git. The live version's files come from the Blob content container or
 * from a running bot's API; they are written into the knowledge folder whole (each by
 * rename), and content files the version does not have are removed.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from './folder-store';
import type { ContentStore } from './content-store';
import { isContentFileName, type ContentFiles } from './entry-index';

export interface PulledContent {
  version: string;
  files: ContentFiles;
}

/** The live version of a content store, read without changing anything (an empty store is an error, not seeded). */
export async function pullFromStore(store: ContentStore): Promise<PulledContent> {
  const live = await store.readLive();
  if (!live) throw new Error(`${store.where} holds no content yet: the bot seeds it on its first start`);
  const version = await store.readVersion(live.pointer.version);
  if (!version) throw new Error(`the live version ${live.pointer.version} is missing from ${store.where}`);
  return { version: version.id, files: await store.readFiles(version.manifest) };
}

/** The live version from a running bot (GET /staff/api/content/files with the staff token). */
export async function pullFromBot(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): Promise<PulledContent> {
  const response = await fetchImpl(`${baseUrl.replace(/\/+$/, '')}/staff/api/content/files`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`the bot answered ${response.status} to GET /staff/api/content/files${response.status === 401 ? ': check STAFF_TOKEN' : ''}`);
  const body = (await response.json()) as { version?: unknown; files?: unknown };
  if (typeof body.version !== 'string' || !body.files || typeof body.files !== 'object') throw new Error('the bot did not send content files');
  const files = Object.fromEntries(Object.entries(body.files as Record<string, unknown>).filter(([name, text]) => isContentFileName(name) && typeof text === 'string')) as ContentFiles;
  return { version: body.version, files };
}

/** Writes the files into `dir`; returns the names written, kept and removed. */
export async function writePulled(dir: string, pulled: PulledContent): Promise<{ written: string[]; removed: string[] }> {
  const present = (await readdir(dir).catch(() => [] as string[])).filter(isContentFileName);
  const written: string[] = [];
  for (const [name, text] of Object.entries(pulled.files)) {
    if (!isContentFileName(name)) continue;
    await atomicWrite(path.join(dir, name), text);
    written.push(name);
  }
  const removed = present.filter((name) => !(name in pulled.files));
  for (const name of removed) await rm(path.join(dir, name), { force: true });
  return { written: written.sort(), removed };
}
