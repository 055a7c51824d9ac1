/**
 * A pass-through HTTP proxy in front of Azurite that can refuse some requests with
 * 503, to make one kind of write fail (the state's) while the others succeed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BlobProxy {
  port: number;
  /** Requests this returns true for get 503; set to undefined to pass everything. */
  refuse?: (method: string, url: string) => boolean;
  refused: number;
  close(): Promise<void>;
}

export async function startBlobProxy(targetPort: number): Promise<BlobProxy> {
  const proxy: BlobProxy = { port: 0, refused: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    if (proxy.refuse?.(req.method ?? '', req.url ?? '')) {
      proxy.refused += 1;
      req.resume();
      res.statusCode = 503;
      res.setHeader('content-type', 'application/xml');
      res.end('<Error><Code>ServerBusy</Code></Error>');
      return;
    }
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
    });
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.close = () => new Promise((resolve) => server.close(() => resolve()));
  return proxy;
}
