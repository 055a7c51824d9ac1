/**
 * The load generator side of the HTTP benchmark: autocannon (run in this process, never
 * inside a bot's) posting Web Chat-style activities with deliveryMode "expectReplies".
 */
import { createRequire } from 'node:module';

/** What students send: Vietnamese with and without accents, teencode, English, and one off-topic. */
export const MESSAGES = [
  'Học bổng PN có bao gồm chỗ ở không ạ?',
  'hoc bong pn co bao gom cho o ko ad',
  'hoc pn co mat phi ko z',
  'visa ky su nhat can bang dai hoc ko',
  'How long is the PN program?',
  'Chứng chỉ AZ-900 có hết hạn không ạ',
  'What does the Microsoft certification exam cost?',
  'cách nấu bún bò huế ngon',
];

// --- autocannon 8 ships no types: the part of its API used here. ---
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest, context: Record<string, unknown>) => CannonRequest;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  method: string;
  headers: Record<string, string>;
  requests: CannonRequest[];
  timeout: number;
}
interface Histogram {
  p50: number;
  p99: number;
}
export interface CannonResult {
  duration: number;
  latency: Histogram;
  requests: Histogram & { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: CannonOptions) => Promise<CannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/** Message number `n` of conversation `conversationId`, as Web Chat posts it. */
export function activity(n: number, text: string, conversationId: string): Record<string, unknown> {
  return {
    type: 'message',
    id: `bench-${n}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:1',
    conversation: { id: conversationId },
    from: { id: `user-${conversationId}`, name: 'Student', role: 'user' },
    recipient: { id: 'pn-bot', name: 'PN', role: 'bot' },
    deliveryMode: 'expectReplies',
    text,
  };
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; or `amount` requests. */
  duration?: number;
  amount?: number;
  /** Conversation id of request number n. */
  conversationOf: (n: number) => string;
}

/** Runs autocannon; each request gets the next message and the next conversation id. */
export function runLoad(options: LoadOptions): Promise<CannonResult> {
  let sent = 0;
  const requests: CannonRequest[] = MESSAGES.map((text) => ({
    setupRequest: (request) => {
      const n = sent++;
      return { ...request, body: JSON.stringify(activity(n, text, options.conversationOf(n))) };
    },
  }));
  return autocannon({
    url: `${options.url}/api/messages`,
    connections: options.connections,
    // autocannon rejects an undefined duration: pass only the one given.
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration ?? 10 }),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests,
    timeout: 10,
  });
}

export interface Reply {
  text?: string;
  channelData?: { entryId?: string | null };
}

export async function post(url: string, body: Record<string, unknown>): Promise<{ status: number; replies: Reply[] }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as { activities?: Reply[] }) : {};
  return { status: response.status, replies: parsed.activities ?? [] };
}
