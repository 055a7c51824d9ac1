/**
 * A local stand-in for the Direct Line service (never the internet): it mints a
 * token for the right secret as tokens/generate does, and records who called what,
 * so tests can check the secret went only to Direct Line and the page used the token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInCall {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

export interface DirectLineStandIn {
  /** http://127.0.0.1:<port>, what DIRECT_LINE_ENDPOINT is set to. */
  url: string;
  calls: StandInCall[];
  /** Tokens minted so far, in order. */
  tokens: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

function send(res: ServerResponse, status: number, body?: unknown, req?: IncomingMessage): void {
  // The browser calls the conversation endpoints from the page's origin, as it does Direct Line's.
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': req?.headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

export async function startDirectLineStandIn(secret: string): Promise<DirectLineStandIn> {
  const calls: StandInCall[] = [];
  const tokens: string[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') return send(res, 204, undefined, req);
    calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
    if (req.method === 'POST' && path === '/v3/directline/tokens/generate') {
      if (req.headers.authorization !== `Bearer ${secret}`) return send(res, 403, { error: { code: 'BadArgument', message: 'secret rejected' } });
      const token = `token-${tokens.length + 1}-for-test`;
      tokens.push(token);
      return send(res, 200, { conversationId: `conv-${tokens.length}`, token, expires_in: 1800 });
    }
    if (req.method === 'POST' && path === '/v3/directline/conversations') {
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!tokens.includes(token)) return send(res, 403, { error: { code: 'BadArgument', message: 'token rejected' } });
      const { port } = server.address() as AddressInfo;
      // A stream address of its own: Web Chat's socket must not land on the bot's server.
      return send(res, 201, { conversationId: `conv-${tokens.indexOf(token) + 1}`, token, expires_in: 1800, streamUrl: `ws://127.0.0.1:${port}/stream` });
    }
    if (req.method === 'POST' && /\/v3\/directline\/conversations\/[^/]+\/activities$/.test(path)) {
      // What the page sends the bot is only recorded: the tests read it from `calls`.
      return send(res, 200, { id: `activity-${calls.length}` });
    }
    if (req.method === 'GET' && /\/v3\/directline\/conversations\/[^/]+\/activities$/.test(path)) {
      return send(res, 200, { activities: [], watermark: '0' });
    }
    return send(res, 404, { error: { code: 'NotFound', message: path } });
  });
  // No message stream here: the socket is refused, which is all the tests need of it.
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
