/**
 * Azurite (the Blob storage emulator, a devDependency) for local development:
 * started from node_modules with Microsoft's public development account, so no
 * Docker and no Azure account are needed. Used by scripts/start-azurite.ts and
 * scripts/start-two.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

// Azurite's well-known development account: public, documented by Microsoft, never a secret.
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Azurite's usual Blob port, the one Azure Storage tools assume for "UseDevelopmentStorage=true". */
export const DEFAULT_BLOB_PORT = 10000;

export const devConnectionString = (host: string, port: number): string =>
  `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`;

export interface AzuriteOptions {
  host: string;
  port: number;
  /** Folder for Azurite's blobs and metadata; created if missing. */
  location: string;
  /**
   * Own process group, so Ctrl-C in the terminal does not reach Azurite directly and the
   * caller can stop it last, after the bots that write to it (scripts/start-two.ts).
   */
  detached?: boolean;
}

/**
 * Starts Azurite's Blob service and resolves once it listens. The child's own
 * output is passed to `onLine` (Azurite prints its errors there).
 */
export async function startAzurite(options: AzuriteOptions, onLine: (line: string) => void = () => {}): Promise<ChildProcess> {
  mkdirSync(options.location, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/azurite/dist/src/blob/main.js'),
      '--blobHost', options.host,
      '--blobPort', String(options.port),
      '--location', options.location,
      // The storage SDK in package.json may be newer than the API versions Azurite knows.
      '--skipApiVersionCheck',
      '--disableTelemetry',
      // No access log: one line per request drowns the bot's own logs.
      '--silent',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached ?? false },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) onLine(line);
      if (/successfully listen/.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`Azurite exited (${signal ?? code}) before listening:\n${output}`)));
  });
  return child;
}

/** True when something accepts TCP connections on host:port (an Azurite started elsewhere, say). */
export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sends SIGTERM and resolves when the child has exited (at once if it already has). */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
