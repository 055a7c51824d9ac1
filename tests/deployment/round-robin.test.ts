/**
 * scripts/round-robin.ts, the proxy `npm run start:two` puts in front of two bot
 * instances: real HTTP servers on loopback, no mocks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRoundRobinProxy, INSTANCE_HEADER, type Upstream } from '../../scripts/round-robin';
import { freePort } from '../integration/azurite';

/** A tiny upstream that answers with its name, the method, path, a header and the body it received. */
function echoServer(name: string): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-upstream-header': `from-${name}` });
      res.end(JSON.stringify({ name, method: req.method, url: req.url, probe: req.headers['x-probe'] ?? null, body: Buffer.concat(chunks).toString() }));
    });
  });
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('round-robin proxy', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  async function proxyTo(upstreams: Upstream[]): Promise<string> {
    const proxy = createRoundRobinProxy(upstreams);
    servers.push(proxy);
    return `http://127.0.0.1:${await listen(proxy)}`;
  }

  it('sends each request to the next instance in turn, with method, path, headers and body passed through', async () => {
    const a = echoServer('a');
    const b = echoServer('b');
    servers.push(a, b);
    const url = await proxyTo([
      { name: 'a', host: '127.0.0.1', port: await listen(a) },
      { name: 'b', host: '127.0.0.1', port: await listen(b) },
    ]);

    const answers = [];
    for (let i = 0; i < 4; i++) {
      const body = JSON.stringify({ turn: i, text: 'có' });
      const response = await fetch(`${url}/api/messages?turn=${i}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-probe': `p${i}` }, body });
      const echoed = (await response.json()) as { name: string; method: string; url: string; probe: string; body: string };
      expect(response.status).toBe(201);
      expect(response.headers.get('x-upstream-header')).toBe(`from-${echoed.name}`);
      expect(response.headers.get(INSTANCE_HEADER)).toBe(echoed.name);
      expect(echoed).toEqual({ name: echoed.name, method: 'POST', url: `/api/messages?turn=${i}`, probe: `p${i}`, body });
      answers.push(echoed.name);
    }
    expect(answers).toEqual(['a', 'b', 'a', 'b']);
  });

  it('answers 502 with a short JSON body for an instance that is down, and keeps serving the live one', async () => {
    const a = echoServer('a');
    servers.push(a);
    const deadPort = await freePort(); // nothing listens there
    const url = await proxyTo([
      { name: 'a', host: '127.0.0.1', port: await listen(a) },
      { name: 'b', host: '127.0.0.1', port: deadPort },
    ]);

    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${url}/healthz`);
      statuses.push([response.headers.get(INSTANCE_HEADER), response.status]);
      if (response.status === 502) {
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await response.json()).toMatchObject({ error: 'bad_gateway', instance: 'b' });
      } else {
        expect(((await response.json()) as { name: string }).name).toBe('a');
      }
    }
    expect(statuses).toEqual([
      ['a', 201],
      ['b', 502],
      ['a', 201],
      ['b', 502],
    ]);
  });

  it('streams a large body through unchanged', async () => {
    const a = echoServer('a');
    servers.push(a);
    const url = await proxyTo([{ name: 'a', host: '127.0.0.1', port: await listen(a) }]);
    const body = 'xin chào '.repeat(100_000);
    const response = await fetch(`${url}/big`, { method: 'PUT', body });
    expect(((await response.json()) as { body: string }).body).toBe(body);
  });

  it('refuses an empty list of instances', () => {
    expect(() => createRoundRobinProxy([])).toThrow(/at least one/);
  });
});
