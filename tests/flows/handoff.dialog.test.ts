/** Hand-over to a person: record first, then a Teams-style webhook POST to staff. */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FlowChat, makeDeps, outcomeSays, play, REFERENCE_IN_TEXT } from './helpers';

interface Received {
  method?: string;
  contentType?: string;
  body: unknown;
  /** Whether the hand-over record was already on disk when the POST arrived. */
  recordOnDisk: boolean;
}

/**
 * Not res.writeHead(...).end(...): restify (loaded by other suites in the same jest
 * worker) patches ServerResponse.prototype.writeHead, which then returns undefined.
 */
function reply(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.end(body);
}

/** A local stand-in for a Teams incoming webhook on 127.0.0.1 and an ephemeral port. */
class Receiver {
  readonly received: Received[] = [];
  private server?: Server;
  dataDir = '';

  constructor(private readonly respond: (res: ServerResponse) => void = (res) => reply(res, 200, '1')) {}

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        this.received.push({
          method: req.method,
          contentType: req.headers['content-type'],
          body: JSON.parse(body) as unknown,
          recordOnDisk: existsSync(path.join(this.dataDir, 'handoffs.jsonl')),
        });
        this.respond(res);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/webhook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

let running: Receiver | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function receiverThat(respond?: (res: ServerResponse) => void): Receiver {
  running = new Receiver(respond);
  return running;
}

function handoffRecords(dataDir: string): Record<string, unknown>[] {
  const file = path.join(dataDir, 'handoffs.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [];
}

const QUESTIONS = ['Học phí bao nhiêu?', 'Có ký túc xá không?'];

test('asks for a contact and consent, stores the request, tells the user when staff reply, and posts the card', async () => {
  const receiver = receiverThat();
  const url = await receiver.start();
  const deps = await makeDeps({ notifyUrl: url });
  receiver.dataDir = deps.records.dataDir;
  const chat = new FlowChat('handoff', deps, { recentQuestions: QUESTIONS });

  expect(await chat.read('gặp cán bộ')).toEqual([
    'Mình sẽ chuyển câu hỏi của bạn đến cán bộ của PN Việt Nam.',
    'Cán bộ nên liên hệ với bạn qua số di động hoặc email nào?',
  ]);
  expect((await chat.read('an@example.com'))[0]).toContain('cùng các câu hỏi gần đây của bạn');
  const done = await chat.read('đồng ý');
  const reference = REFERENCE_IN_TEXT.exec(done[0] as string)?.[0];
  expect(reference).toBeDefined();
  expect(done[0]).toContain(await outcomeSays('handoff', 'recorded', 'vi', { reference: reference ?? '' }));

  const [record] = handoffRecords(deps.records.dataDir);
  expect(record).toMatchObject({ kind: 'handoff', reference, flow: 'handoff', outcome: 'recorded', answers: { contact: 'an@example.com', consent: true }, recentQuestions: QUESTIONS });

  expect(receiver.received).toHaveLength(1);
  const post = receiver.received[0] as Received;
  expect(post.method).toBe('POST');
  expect(post.contentType).toBe('application/json');
  expect(post.recordOnDisk).toBe(true);
  expect(post.body).toEqual({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          version: '1.4',
          body: [
            { type: 'TextBlock', size: 'Medium', weight: 'Bolder', wrap: true, text: 'Người dùng muốn gặp cán bộ' },
            {
              type: 'FactSet',
              facts: [
                { title: 'Mã tham chiếu', value: reference },
                { title: 'Thời gian', value: record?.at },
                { title: 'Ngôn ngữ', value: 'vi' },
                { title: 'Kênh', value: 'test' },
                { title: 'contact', value: 'an@example.com' },
                { title: 'consent', value: 'có' },
              ],
            },
            { type: 'TextBlock', weight: 'Bolder', wrap: true, text: 'Câu hỏi gần đây' },
            { type: 'TextBlock', wrap: true, text: '- Học phí bao nhiêu?\n- Có ký túc xá không?' },
          ],
        },
      },
    ],
  });
});

test('a known contact (passed by the caller) skips the questions', async () => {
  const receiver = receiverThat();
  const deps = await makeDeps({ notifyUrl: await receiver.start() }, 'en');
  receiver.dataDir = deps.records.dataDir;
  const chat = new FlowChat('handoff', deps, { prefill: { contact: '0987 654 321', consent: true }, recentQuestions: [] });
  const replies = await chat.read('talk to a person');
  expect(replies).toHaveLength(2);
  const reference = REFERENCE_IN_TEXT.exec(replies[1] as string)?.[0];
  expect(reference).toBeDefined();
  expect(replies[1]).toContain(await outcomeSays('handoff', 'recorded', 'en', { reference: reference ?? '' }));
  expect(handoffRecords(deps.records.dataDir)[0]).toMatchObject({ answers: { contact: '0987654321', consent: true } });
  expect(receiver.received).toHaveLength(1);
});

test('a failing webhook is logged and the record is kept; the user still gets the confirmation', async () => {
  const receiver = receiverThat((res) => reply(res, 500, 'boom'));
  const deps = await makeDeps({ notifyUrl: await receiver.start() });
  receiver.dataDir = deps.records.dataDir;
  const chat = new FlowChat('handoff', deps, { recentQuestions: QUESTIONS });
  await play(chat, ['hi', '0912345678']);
  const done = await chat.read('Có');
  expect(done[0]).toMatch(REFERENCE_IN_TEXT);
  expect(handoffRecords(deps.records.dataDir)).toHaveLength(1);
  expect(receiver.received).toHaveLength(1);
  expect(deps.warnings).toEqual([expect.objectContaining({ err: 'HTTP 500', kind: 'handoff' })]);
});

test('a webhook that never answers times out without losing the record', async () => {
  const receiver = receiverThat(() => undefined);
  const deps = await makeDeps({ notifyUrl: await receiver.start(), notifyTimeoutMs: 200 });
  receiver.dataDir = deps.records.dataDir;
  const chat = new FlowChat('handoff', deps);
  await play(chat, ['hi', '0912345678']);
  const started = Date.now();
  expect((await chat.read('Có'))[0]).toMatch(REFERENCE_IN_TEXT);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(handoffRecords(deps.records.dataDir)).toHaveLength(1);
  expect(deps.warnings).toEqual([expect.objectContaining({ err: expect.stringMatching(/timeout|aborted/i) })]);
});

test('without consent nothing is stored and staff are not notified', async () => {
  const receiver = receiverThat();
  const deps = await makeDeps({ notifyUrl: await receiver.start() });
  const chat = new FlowChat('handoff', deps);
  await play(chat, ['hi', '0912345678']);
  const reply = await chat.read('Không');
  expect(reply[0]).toContain('Không sao, mình không lưu gì cả');
  expect(reply[0]).not.toMatch(REFERENCE_IN_TEXT);
  expect(handoffRecords(deps.records.dataDir)).toEqual([]);
  expect(receiver.received).toEqual([]);
});

test('without a notification URL the request is only recorded', async () => {
  const deps = await makeDeps();
  const chat = new FlowChat('handoff', deps);
  await play(chat, ['hi', '0912345678']);
  expect((await chat.read('Có'))[0]).toMatch(REFERENCE_IN_TEXT);
  expect(handoffRecords(deps.records.dataDir)).toHaveLength(1);
  expect(deps.warnings).toEqual([]);
});
