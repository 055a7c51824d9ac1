/** POST /admin/reload: only with ADMIN_TOKEN set, only with that bearer token. */
import type { ContentStatus } from '../../src/core/content/live-content';
import { startTestServer, type TestServer } from './harness';

describe('POST /admin/reload', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close(100)));
  });

  async function reload(server: TestServer, token?: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${server.url}/admin/reload`, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: await response.json() };
  }

  it('reloads with the right token, refuses without it, and reports a bad edit as 422', async () => {
    let next: ContentStatus = { stale: false, version: 2, loadedAt: '2026-11-22T10:00:00.000Z' };
    const calls: number[] = [];
    const server = await startTestServer({ ADMIN_TOKEN: 's3cret' }, { reloadContent: async () => (calls.push(1), next) });
    servers.push(server);

    expect((await reload(server)).status).toBe(401);
    expect((await reload(server, 'wrong')).status).toBe(401);
    expect(calls).toHaveLength(0);

    expect(await reload(server, 's3cret')).toEqual({ status: 200, body: next });
    next = { stale: true, version: 2, loadedAt: next.loadedAt, error: 'knowledge/pn.yaml:3:5: "en" is missing' };
    expect(await reload(server, 's3cret')).toEqual({ status: 422, body: next });
    expect(calls).toHaveLength(2);
  });

  it('does not exist when no token is configured', async () => {
    const server = await startTestServer({}, { reloadContent: async () => ({ stale: false, version: 1, loadedAt: '' }) });
    servers.push(server);
    expect((await reload(server, 'anything')).status).toBe(404);
  });
});
