/** POST /admin/reload: only with STAFF_TOKEN (or its older name ADMIN_TOKEN) set, only with that bearer token; a bad edit is a 422. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KNOWLEDGE_DIR, startTestServer, type TestServer } from './harness';

const SECRET = 'a-reload-token-of-at-least-32-characters';

jest.setTimeout(120_000);

describe('POST /admin/reload', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close(100)));
  });

  async function reload(server: TestServer, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${server.url}/admin/reload`, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('reloads with the right token, refuses without it, and reports a bad edit as 422', async () => {
    const knowledge = mkdtempSync(path.join(tmpdir(), 'pn-admin-kb-'));
    cpSync(KNOWLEDGE_DIR, knowledge, { recursive: true });
    const server = await startTestServer({ ADMIN_TOKEN: SECRET, KNOWLEDGE_DIR: knowledge });
    servers.push(server);

    expect((await reload(server)).status).toBe(401);
    expect((await reload(server, 'wrong')).status).toBe(401);
    expect(server.app.content.status.version).toBe(1);

    expect(await reload(server, SECRET)).toEqual({ status: 200, body: expect.objectContaining({ stale: false, version: 2 }) });
    writeFileSync(path.join(knowledge, 'pn.yaml'), 'entries:\n  - id: pn.broken\n    question: { vi: "x" }\n');
    const bad = await reload(server, SECRET);
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ stale: true, version: 2, error: expect.stringContaining('pn.yaml') });
  });

  it('accepts STAFF_TOKEN, the newer name of the same token', async () => {
    const server = await startTestServer({ STAFF_TOKEN: SECRET });
    servers.push(server);
    expect((await reload(server, 'wrong')).status).toBe(401);
    expect((await reload(server, SECRET)).status).toBe(200);
  });

  it('does not exist when no token is configured', async () => {
    const server = await startTestServer({});
    servers.push(server);
    expect((await reload(server, 'anything')).status).toBe(404);
  });
});
