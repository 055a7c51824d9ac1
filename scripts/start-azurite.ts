/**
 * `npm run start:azurite`: Azurite's Blob service on 127.0.0.1:10000 with its data
 * under .azurite/, and the connection string to give the bot. Ctrl-C stops it.
 *
 *   npm run start:azurite                      # port 10000, data in .azurite/
 *   npm run start:azurite -- --port 10010 --location /tmp/azurite
 *   AZURITE_PORT=10010 npm run start:azurite   # the same through the environment
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BLOB_PORT, devConnectionString, ROOT, startAzurite, stopChild } from './azurite';

const HOST = '127.0.0.1';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.AZURITE_PORT ?? String(DEFAULT_BLOB_PORT) },
      location: { type: 'string', default: process.env.AZURITE_LOCATION ?? path.join(ROOT, '.azurite') },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);

  const child = await startAzurite({ host: HOST, port, location: values.location }, (line) => console.log(`[azurite] ${line}`));
  console.log(
    [
      '',
      `Azurite Blob storage listens on http://${HOST}:${port} (data in ${values.location}).`,
      'Run the bot against it with:',
      '',
      '  STORAGE=blob',
      `  BLOB_CONNECTION_STRING="${devConnectionString(HOST, port)}"`,
      '',
      'Ctrl-C stops Azurite.',
    ].join('\n'),
  );

  // Ctrl-C in a terminal signals Azurite too; either way wait for it to exit.
  let stopping = false;
  const stop = () => {
    stopping = true;
    void stopChild(child).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[azurite] exited on its own (${signal ?? code})`);
    process.exit(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error(`Cannot start Azurite: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
