/**
 * Staff sessions shared by two instances over Azurite (as `start:two` round-robins): signed
 * in on one, the cookie works on the other; signed out on the other, it is dead on both.
 * The session blob is named by a hash of the id, never the id itself.
 */
import type { ChildProcess } from 'node:child_process';
import { containerClient } from '../../src/core/storage/blob-container';
import { connectionString, freePort, startAzurite } from '../integration/azurite';
import { startTestServer, type TestServer } from '../integration/harness';

const TOKEN = 'a-staff-token-of-at-least-32-characters';
const CONTAINER = 'staff-sessions-test';

let azurite: ChildProcess;
let blobPort: number;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  blobPort = await freePort();
  azurite = await startAzurite(blobPort);
  const env = { STAFF_TOKEN: TOKEN, STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString(blobPort), BLOB_CONTAINER: CONTAINER, RECORDS_STORAGE: 'jsonl' };
  a = await startTestServer(env);
  b = await startTestServer(env);
}, 180_000);

afterAll(async () => {
  await a?.close(100);
  await b?.close(100);
  azurite?.kill();
});

it('a session made on one instance is honoured, and ended, on the other', async () => {
  const signIn = await fetch(`${a.url}/staff/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: a.url }, body: JSON.stringify({ token: TOKEN }) });
  expect(signIn.status).toBe(200);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  const id = cookie.split('=')[1].split('.')[0];

  const onB = (await (await fetch(`${b.url}/staff/auth/session`, { headers: { Cookie: cookie } })).json()) as { user: { name: string } | null; csrf: string };
  expect(onB.user?.name).toBe('token');
  expect((await fetch(`${b.url}/staff/api/leads`, { headers: { Cookie: cookie } })).status).toBe(200);

  const names: string[] = [];
  for await (const blob of containerClient({ connectionString: connectionString(blobPort) }, CONTAINER).listBlobsFlat({ prefix: 'staff-sessions/' })) names.push(blob.name);
  expect(names.length).toBeGreaterThan(0);
  expect(names.join()).not.toContain(id);

  const out = await fetch(`${b.url}/staff/auth/logout`, { method: 'POST', headers: { Cookie: cookie, Origin: b.url, 'X-CSRF-Token': onB.csrf } });
  expect(out.status).toBe(204);
  expect((await fetch(`${a.url}/staff/api/leads`, { headers: { Cookie: cookie } })).status).toBe(401);
});
