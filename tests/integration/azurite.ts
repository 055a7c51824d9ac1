/**
 * Azurite from npm as the real Blob server for tests, on loopback, with its documented
 * development account (public, published by Microsoft). The same start-up as
 * `npm run start:azurite` (scripts/azurite.ts), on a fresh folder per start.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEV_ACCOUNT, DEV_ACCOUNT_KEY, devConnectionString, startAzurite as startDevAzurite } from '../../scripts/azurite';

export const ACCOUNT = DEV_ACCOUNT;
export const KEY = DEV_ACCOUNT_KEY;

export const connectionString = (port: number) => devConnectionString('127.0.0.1', port);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Azurite on the port; give the same `location` to restart it with the data it had. */
export function startAzurite(port: number, location = mkdtempSync(path.join(tmpdir(), 'azurite-'))): Promise<ChildProcess> {
  return startDevAzurite({ host: '127.0.0.1', port, location });
}

/**
 * One Azurite for the whole suite: started before its tests, stopped after them. The port
 * is known once the suite has started, so it is read through the returned object.
 */
export function azuriteForSuite(): { readonly port: number } {
  let port = 0;
  let azurite: ChildProcess | undefined;
  beforeAll(async () => {
    port = await freePort();
    azurite = await startAzurite(port);
  });
  afterAll(() => azurite?.kill());
  return {
    get port() {
      return port;
    },
  };
}
