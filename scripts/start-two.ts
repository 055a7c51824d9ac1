/**
 * `npm run start:two`: two bot instances on this machine sharing one Azurite, behind
 * a round-robin proxy, so every other turn lands on the other process (as on App
 * Service with two instances and no sticky sessions).
 *
 * 1. Builds once (`npm run build`).
 * 2. Uses the Azurite listening on 127.0.0.1:10000 (AZURITE_PORT, as for start:azurite),
 *    or starts one there (data in .azurite/).
 * 3. Starts instance a on PORT+1 and instance b on PORT+2 (`node dist/src/index.js`),
 *    with STORAGE=blob and their own DATA_DIR (data/instance-a, data/instance-b).
 * 4. Listens on PORT (default 3978) and forwards each request to the next instance.
 *
 * Log lines are prefixed with [a], [b], [azurite] or [proxy]. Ctrl-C stops everything.
 * Other variables (.env or the environment) reach both instances unchanged.
 *
 * package.json runs this with `node --import tsx`, not the tsx CLI: the CLI relays Ctrl-C
 * through a parent process that SIGKILLs this one if it is slow to acknowledge (a busy
 * machine), which would leave the instances and Azurite running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Server } from 'node:http';
import { createInterface } from 'node:readline';
import { DEFAULT_BLOB_PORT, devConnectionString, isListening, ROOT, startAzurite, stopChild } from './azurite';
import { createRoundRobinProxy, INSTANCE_HEADER, type Upstream } from './round-robin';

const HOST = '127.0.0.1';
const INSTANCES = ['a', 'b'] as const;

function prefixLines(name: string, stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  if (stream) createInterface({ input: stream }).on('line', (line) => write(`[${name}] ${line}`));
}

function startInstance(name: string, port: number, connectionString: string): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/index.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST,
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: connectionString,
      DATA_DIR: path.join(ROOT, 'data', `instance-${name}`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(name, child.stdout, (line) => console.log(line));
  prefixLines(name, child.stderr, (line) => console.error(line));
  return child;
}

/** What is running, so Ctrl-C (or a failed start) can stop it: instances first, as they may still be saving state. */
const running: { azurite?: ChildProcess; instances: ChildProcess[]; proxy?: Server; stopping: boolean } = { instances: [], stopping: false };

async function stopAll(exitCode: number): Promise<never> {
  running.stopping = true;
  running.proxy?.close();
  await Promise.all(running.instances.map(stopChild));
  if (running.azurite) await stopChild(running.azurite);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 1 || port > 65533) throw new Error(`PORT must be a port number below 65534, got "${process.env.PORT}"`);

  const blobPort = Number(process.env.AZURITE_PORT ?? DEFAULT_BLOB_PORT);
  if (!Number.isInteger(blobPort) || blobPort < 1 || blobPort > 65535) throw new Error(`AZURITE_PORT must be a port number, got "${process.env.AZURITE_PORT}"`);

  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('[proxy] stopping the instances and Azurite');
      void stopAll(0);
    });
  }

  if (await isListening(HOST, blobPort)) {
    console.log(`[azurite] using the Azurite already listening on ${HOST}:${blobPort}`);
  } else {
    running.azurite = await startAzurite({ host: HOST, port: blobPort, location: path.join(ROOT, '.azurite'), detached: true }, (line) => console.log(`[azurite] ${line}`));
    running.azurite.once('exit', (code, signal) => {
      if (!running.stopping) console.error(`[azurite] exited (${signal ?? code}); the instances will report storage errors and /readyz will say so`);
    });
  }

  const connectionString = devConnectionString(HOST, blobPort);
  const upstreams: Upstream[] = INSTANCES.map((name, index) => ({ name, host: HOST, port: port + 1 + index }));
  for (const upstream of upstreams) {
    const child = startInstance(upstream.name, upstream.port, connectionString);
    running.instances.push(child);
    child.once('exit', (code, signal) => {
      if (!running.stopping) console.error(`[${upstream.name}] exited (${signal ?? code}); the proxy answers 502 for its turns`);
    });
  }

  const proxy = createRoundRobinProxy(upstreams);
  running.proxy = proxy;
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(port, HOST, resolve);
  });
  console.log(
    [
      `[proxy] http://localhost:${port}/ -> ${upstreams.map((u) => `${u.name} on ${u.host}:${u.port}`).join(', ')}, in turn`,
      `[proxy] the ${INSTANCE_HEADER} response header names the instance that answered; Ctrl-C stops everything`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`start:two: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
