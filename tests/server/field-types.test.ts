/**
 * Issue 22, finding "unchecked field types", over HTTP through the real server: a field the
 * bot reads sent with the wrong type gets 400 {"error":"invalid_activity","field":...}. It
 * used to fail the turn: the user got the apology and the log a level-50 error with a stack
 * ("(text ?? "").trim is not a function"), and the error counter went up.
 */
import { conversation, startTestServer, type TestServer } from '../integration/harness';
import { capturingLogger } from './log-capture';

describe('field types are checked where activities are checked', () => {
  let server: TestServer;
  const log = capturingLogger();
  beforeAll(async () => {
    server = await startTestServer({}, { logger: log.logger });
  });
  afterAll(() => server.close());

  const refusal = async (activity: Record<string, unknown>) => {
    const { status, text } = await server.postRaw(JSON.stringify(activity));
    return { status, body: JSON.parse(text) as unknown };
  };

  it.each<[string, Record<string, unknown>]>([
    ['text', { text: 42 }],
    ['text', { text: { a: 1 } }],
    ['text', { text: ['hi'] }],
    ['attachments', { attachments: 'file' }],
    ['entities', { entities: [1, 2] }],
    ['channelData', { channelData: 'x' }],
    ['from.name', { from: { id: 'u', name: 7 } }],
    ['conversation.conversationType', { conversation: { id: 'c-types', conversationType: ['personal'] } }],
    ['deliveryMode', { deliveryMode: 1 }],
  ])('a message whose %s has the wrong type gets 400 naming the field', async (field, extra) => {
    expect(await refusal(conversation().message('hi', extra))).toEqual({ status: 400, body: { error: 'invalid_activity', field } });
  });

  it.each<[string, unknown]>([
    ['membersAdded', 'everyone'],
    ['membersAdded', [null]],
    ['membersAdded', [{ id: 5 }]],
    ['membersAdded', [{ name: 'no id' }]],
    ['membersRemoved', { id: 'x' }],
  ])('a conversationUpdate whose %s is %j gets 400 naming the field', async (field, value) => {
    expect(await refusal(conversation().activity('conversationUpdate', { [field]: value }))).toEqual({ status: 400, body: { error: 'invalid_activity', field } });
  });

  it('the ids keep their 400, now naming the field', async () => {
    expect(await refusal({ ...conversation().message('hi'), conversation: { id: 42 } })).toEqual({ status: 400, body: { error: 'invalid_activity', field: 'conversation.id' } });
    expect((await server.postRaw('[]')).text).toBe(JSON.stringify({ error: 'invalid_activity', field: 'body' }));
  });

  it('none of them failed a turn: no error in the log, the error counter at zero, and well-typed activities are answered', async () => {
    expect(log.records().filter((record) => Number(record.level) >= 50)).toEqual([]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).not.toMatch(/^bot_errors_total\{[^}]*\} [1-9]/m);
    const chat = conversation({ locale: 'vi-VN' });
    expect((await server.post(chat.join())).activities.length).toBeGreaterThan(0);
    // Absent and null text are both "no text", as before.
    expect((await server.post(chat.message(undefined, { text: null, value: { action: 'menu' } }))).status).toBe(200);
  });
});
