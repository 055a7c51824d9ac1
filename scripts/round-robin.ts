/**
 * A small round-robin HTTP proxy for trying several bot instances on one machine:
 * each request goes to the next instance in turn, the way a load balancer without
 * sticky sessions (App Service with ARR affinity off) spreads turns. Bodies and
 * headers stream through unchanged, except hop-by-hop headers. An instance that
 * cannot be reached gets a 502 with a short JSON body; the next request tries the
 * next instance. Not for production: no retries, no health checks, no TLS.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Upstream {
  /** Shown in the x-round-robin-instance response header and in 502 bodies. */
  name: string;
  host: string;
  port: number;
}

/** The response header naming the instance that answered. */
export const INSTANCE_HEADER = 'x-round-robin-instance';

// Headers about one connection, not the message (RFC 9110 section 7.6.1): never forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set((String(headers.connection ?? '')).split(',').map((name) => name.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)));
}

/** An http.Server (not yet listening) that forwards to `upstreams` in turn. */
export function createRoundRobinProxy(upstreams: readonly Upstream[]): Server {
  if (upstreams.length === 0) throw new Error('round-robin proxy needs at least one upstream');
  let next = 0;
  return createServer((req, res) => {
    const upstream = upstreams[next];
    next = (next + 1) % upstreams.length;
    const forwarded = request(
      {
        host: upstream.host,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: {
          ...endToEnd(req.headers),
          'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '),
          'x-forwarded-host': req.headers.host ?? '',
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers), [INSTANCE_HEADER]: upstream.name });
        answer.pipe(res);
        answer.once('error', () => res.destroy());
      },
    );
    forwarded.once('error', (error) => {
      if (res.headersSent) {
        // Part of the answer has gone out: cutting the connection is the only honest signal left.
        res.destroy();
        return;
      }
      const body = JSON.stringify({ error: 'bad_gateway', instance: upstream.name, message: `${upstream.name} (${upstream.host}:${upstream.port}) did not answer: ${error.message}` });
      res.writeHead(502, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), [INSTANCE_HEADER]: upstream.name });
      res.end(body);
    });
    // A client that goes away stops the forwarded request too.
    req.once('error', () => forwarded.destroy());
    res.once('close', () => {
      if (!res.writableFinished) forwarded.destroy();
    });
    req.pipe(forwarded);
  });
}
