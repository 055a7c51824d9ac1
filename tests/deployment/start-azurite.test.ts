/**
 * `npm run start:azurite` (scripts/start-azurite.ts) as a real process: it starts
 * Azurite, prints a connection string that works, and Ctrl-C (SIGINT) stops it.
 * It runs on a free port (AZURITE_PORT), never 10000, so it cannot clash with a
 * developer's Azurite or another test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { freePort } from '../integration/azurite';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run start:azurite', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('starts Azurite on the given port, prints a connection string the Blob SDK can use, and stops on Ctrl-C', async () => {
    const port = await freePort();
    const location = mkdtempSync(path.join(tmpdir(), 'start-azurite-'));
    // As package.json runs it: tsx as a loader in this one process (the tsx CLI would add a signal-relaying parent).
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start-azurite.ts')], {
      cwd: ROOT,
      env: { ...process.env, AZURITE_PORT: String(port), AZURITE_LOCATION: location },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running = child;
    let output = '';
    const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
    const connectionString = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /BLOB_CONNECTION_STRING="([^"]+)"/.exec(output);
        if (match) resolve(match[1]);
      };
      running.stdout?.on('data', onData);
      running.stderr?.on('data', onData);
      void exited.then((code) => reject(new Error(`start-azurite exited with ${code}:\n${output}`)));
    });
    expect(connectionString).toContain(`BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`);

    // The Blob endpoint answers: create a container, write and read a blob.
    const service = BlobServiceClient.fromConnectionString(connectionString);
    const container = service.getContainerClient('start-azurite-test');
    await container.createIfNotExists();
    await container.getBlockBlobClient('hello.txt').upload('xin chào', Buffer.byteLength('xin chào'));
    const downloaded = await container.getBlockBlobClient('hello.txt').downloadToBuffer();
    expect(downloaded.toString()).toBe('xin chào');
    // Its data lives in the folder it was given (.azurite/ by default).
    expect(existsSync(location)).toBe(true);

    running.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
