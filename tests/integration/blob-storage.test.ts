/**
 * STORAGE=blob against a real Blob server (Azurite from npm, on loopback): the
 * user's language choice survives in Blob storage, and /readyz reports the
 * storage going away.
 */
import type { ChildProcess } from 'node:child_process';
import { createStateStore } from '../../src/core/state';
import { loadConfig } from '../../src/config';
import { connectionString, freePort, startAzurite } from './azurite';
import { conversation, startTestServer, t, type TestServer } from './harness';

jest.setTimeout(60_000);

let azurite: ChildProcess;
let azuritePort: number;
let server: TestServer;

beforeAll(async () => {
  const port = await freePort();
  azuritePort = port;
  azurite = await startAzurite(port);
  const env = {
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: connectionString(port),
    BLOB_CONTAINER: 'bot-state-test',
  };
  server = await startTestServer(env);
});

afterAll(async () => {
  await server?.close();
  if (azurite && azurite.exitCode === null) azurite.kill();
});

describe('Blob storage', () => {
  it('keeps the user’s language choice in Blob storage between turns', async () => {
    const chat = conversation({ locale: 'vi-VN' });
    const switched = await server.post(chat.message('English'));
    expect(switched.activities[0].text).toBe(t('en', 'language.switched'));
    const menu = await server.post(chat.click({ action: 'menu' }));
    expect(menu.activities[0].text).toBe(t('en', 'help.text'));
  });

  it('starts working once a Blob server that was down at start comes up', async () => {
    const port = await freePort();
    const storage = createStateStore(loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(port) }).storage);
    await expect(storage.probe()).rejects.toThrow();
    const late = await startAzurite(port);
    try {
      await expect(storage.probe()).resolves.toBeUndefined();
    } finally {
      late.kill();
    }
  });

  it('is ready while the storage answers, not ready once it is gone, and ready again when it is back', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const exited = new Promise((resolve) => azurite.once('exit', resolve));
    azurite.kill();
    await exited;
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as { checks: { storage: { ok: boolean } } };
    expect(body.checks.storage.ok).toBe(false);
    // Back on the same port: the SDK's pending retries succeed and leave no timers behind.
    azurite = await startAzurite(azuritePort);
    const again = await fetch(`${server.url}/readyz`);
    expect(again.status).toBe(200);
  });
});
