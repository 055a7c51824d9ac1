/**
 * State names in Blob storage (issue 22): every key gets its own fixed-length name, however
 * long its ids. The earlier names were the URL-encoded key cut to 1,024 characters, so two
 * ids sharing their first ~70 CJK characters shared one blob: a user saw another's state.
 * Items the earlier version wrote are still read (and moved at the next write), but only
 * under names that were never cut.
 */
import type { ChildProcess } from 'node:child_process';
import { text } from 'node:stream/consumers';
import type { ContainerClient } from '@azure/storage-blob';
import { conversationKey, EngineStateRepo, userKey } from '../../src/core/engine';
import { blobName, legacyBlobName } from '../../src/core/state/blob';
import { createStateStore } from '../../src/core/state';
import { containerClient } from '../../src/core/storage/blob-container';
import { connectionString, freePort, startAzurite } from './azurite';
import { conversation, startTestServer, t, type TestServer } from './harness';

jest.setTimeout(60_000);

const CONTAINER = 'state-keys-test';
let azurite: ChildProcess;
let port: number;
let client: ContainerClient;
let server: TestServer;

/** Two ids of 100 CJK characters that differ only at the end: their old names were cut to the same 1,024 characters. */
const colliding = (tail: string) => `${'会'.repeat(99)}${tail}`;

beforeAll(async () => {
  port = await freePort();
  azurite = await startAzurite(port);
  client = containerClient({ connectionString: connectionString(port) }, CONTAINER);
  await client.createIfNotExists();
  server = await startTestServer({ STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(port), BLOB_CONTAINER: CONTAINER });
});

afterAll(async () => {
  await server?.close();
  if (azurite && azurite.exitCode === null) azurite.kill();
});

const store = () => createStateStore({ kind: 'blob', container: CONTAINER, connectionString: connectionString(port) });

async function exists(name: string): Promise<boolean> {
  return client.getBlobClient(name).exists();
}

async function putLegacy(name: string, value: unknown): Promise<void> {
  const body = JSON.stringify(value);
  await client.getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

describe('state names', () => {
  it('the two colliding ids had one old name and now have two fixed-length names', () => {
    const a = userKey({ channelId: 'webchat', conversationId: 'c', userId: colliding('A') });
    const b = userKey({ channelId: 'webchat', conversationId: 'c', userId: colliding('B') });
    expect(encodeURIComponent(a).slice(0, 1024)).toBe(encodeURIComponent(b).slice(0, 1024));
    expect(blobName(a)).not.toBe(blobName(b));
    expect(blobName(a)).toMatch(/^users\/[0-9a-f]{64}$/);
    expect(blobName(conversationKey({ channelId: 'webchat', conversationId: colliding('A'), userId: 'u' }))).toMatch(/^conversations\/[0-9a-f]{64}$/);
    // The cut old name belongs to neither: it is never read.
    expect(legacyBlobName(a)).toBeUndefined();
  });

  it('two users whose long ids share their start keep their own language (over HTTP, on Azurite)', async () => {
    const victim = conversation({ userId: colliding('A'), locale: 'vi-VN' });
    const other = conversation({ userId: colliding('B'), locale: 'vi-VN' });
    const switched = await server.post(victim.message('English'));
    expect(switched.activities[0].text).toBe(t('en', 'language.switched'));
    // Under the old names the other user read the victim's item and got English.
    const menu = await server.post(other.click({ action: 'menu' }));
    expect(menu.activities[0].text).toBe(t('vi', 'help.text'));
    const victimMenu = await server.post(victim.click({ action: 'menu' }));
    expect(victimMenu.activities[0].text).toBe(t('en', 'help.text'));
  });

  it('two conversations whose long ids share their start keep their own state, and deleting one leaves the other', async () => {
    const repo = new EngineStateRepo(store());
    const a = { channelId: 'webchat', conversationId: colliding('A'), userId: 'ua' };
    const b = { channelId: 'webchat', conversationId: colliding('B'), userId: 'ub' };
    const loadedA = await repo.load(a);
    await repo.save(a, loadedA, { ...loadedA.state, conversation: { ...loadedA.state.conversation, recentQuestions: ['question of A'] } });
    const loadedB = await repo.load(b);
    expect(loadedB.versions.conversation).toBeNull();
    expect(loadedB.state.conversation.recentQuestions).toEqual([]);
    await repo.save(b, loadedB, { ...loadedB.state, conversation: { ...loadedB.state.conversation, recentQuestions: ['question of B'] } });
    await repo.deleteAll(b);
    expect((await repo.load(a)).state.conversation.recentQuestions).toEqual(['question of A']);
    expect((await repo.load(b)).versions.conversation).toBeNull();
  });

  it('an item under its old, never-cut name is still read, and moved to its new name at the next write', async () => {
    const who = { channelId: 'webchat', conversationId: 'old-conversation', userId: 'old-user' };
    const key = userKey(who);
    const legacy = legacyBlobName(key);
    expect(legacy).toBe(encodeURIComponent(key));
    await putLegacy(legacy!, { user: { lang: 'en' }, conversations: [] });

    const repo = new EngineStateRepo(store());
    const loaded = await repo.load(who);
    expect(loaded.state.user.lang).toBe('en');
    await repo.save(who, loaded, { ...loaded.state, user: { ...loaded.state.user, lang: 'vi' } });

    expect(await exists(legacy!)).toBe(false);
    const moved = await client.getBlobClient(blobName(key)).download();
    expect((JSON.parse(await text(moved.readableStreamBody!)) as { user: { lang: string } }).user.lang).toBe('vi');
    expect((await repo.load(who)).state.user.lang).toBe('vi');
  });

  it('an old name that was cut is never read: it may be another user’s item', async () => {
    const key = userKey({ channelId: 'webchat', conversationId: 'c', userId: colliding('C') });
    await putLegacy(encodeURIComponent(key).slice(0, 1024), { user: { lang: 'en' }, conversations: [] });
    expect((await store().read([key])).size).toBe(0);
  });

  it('a second instance that moves the same old item meanwhile gets a conflict, not a lost write', async () => {
    const key = userKey({ channelId: 'webchat', conversationId: 'c', userId: 'raced-user' });
    await putLegacy(legacyBlobName(key)!, { user: {}, conversations: [] });
    const first = store();
    const second = store();
    const readByFirst = (await first.read([key])).get(key)!;
    const readBySecond = (await second.read([key])).get(key)!;
    await first.write(key, { user: { lang: 'en' }, conversations: [] }, readByFirst.version);
    await expect(second.write(key, { user: { lang: 'vi' }, conversations: [] }, readBySecond.version)).rejects.toMatchObject({ name: 'StateConflictError' });
    expect(((await second.read([key])).get(key)!.value as { user: { lang: string } }).user.lang).toBe('en');
  });
});
