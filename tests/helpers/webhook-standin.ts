/**
 * A local stand-in for the staff webhook (Teams or Slack incoming webhook): keeps every
 * JSON body posted to it and answers with `status` (200 unless a test sets it).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookStandIn {
  /** http://127.0.0.1:<port>/hook */
  url: string;
  /** The JSON bodies received, in order. */
  posts: unknown[];
  /** The HTTP status the next answers get. */
  status: number;
  close(): Promise<void>;
}

export async function startWebhookStandIn(): Promise<WebhookStandIn> {
  const posts: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posts.push(JSON.parse(body));
      res.statusCode = standIn.status;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const standIn: WebhookStandIn = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    posts,
    status: 200,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return standIn;
}
