/**
 * What src/bot/adapter.ts relies on in botbuilder (pinned exactly in package.json), checked
 * on the real CloudAdapter so an SDK upgrade that changes it fails here, not in production:
 * processActivityDirect runs a turn with the route's own authentication result; the
 * response is read back from the turn's context (expectReplies' replies, an invoke's
 * response, 501 without one), also when a middleware ends the turn early; and the adapter
 * takes its connector and user-token clients from the authentication it was given, so
 * they are made once, not per activity. The replies of a normal turn go over HTTP to a
 * stand-in channel.
 */
import { ConfigurationBotFrameworkAuthentication, INVOKE_RESPONSE_KEY, type Activity, type TurnContext } from 'botbuilder';
import pino from 'pino';
import { createAdapter, type BotAdapter } from '../../src/bot/adapter';
import { startWebhookStandIn, type WebhookStandIn } from '../helpers/webhook-standin';
import { t } from './bot-harness';

let channel: WebhookStandIn;
beforeAll(async () => {
  channel = await startWebhookStandIn();
});
afterAll(async () => {
  await channel.close();
});
afterEach(() => jest.restoreAllMocks());

const localAdapter = (): BotAdapter => createAdapter({ auth: { appType: 'MultiTenant' }, logger: pino({ level: 'silent' }), t });

let next = 0;
function activity(fields: Partial<Activity> = {}): Activity {
  next += 1;
  return {
    type: 'message',
    id: `a${next}`,
    text: 'hello',
    channelId: 'test',
    serviceUrl: new URL(channel.url).origin,
    from: { id: 'user', name: 'user' },
    recipient: { id: 'bot', name: 'bot' },
    conversation: { id: `sdk-${next}` },
    ...fields,
  } as Activity;
}

async function run(adapter: BotAdapter, incoming: Activity, logic: (context: TurnContext) => Promise<void>) {
  return adapter.process(await adapter.authenticate(incoming, ''), incoming, logic);
}

test('the CloudAdapter still offers the public members the wrapper calls', () => {
  const { cloudAdapter } = localAdapter();
  expect(typeof cloudAdapter.processActivityDirect).toBe('function');
  expect(typeof cloudAdapter.use).toBe('function');
  expect(typeof ConfigurationBotFrameworkAuthentication.prototype.authenticateRequest).toBe('function');
  expect(typeof ConfigurationBotFrameworkAuthentication.prototype.createUserTokenClient).toBe('function');
});

test('expectReplies: the replies come back as the response body', async () => {
  const response = await run(localAdapter(), activity({ deliveryMode: 'expectReplies' }), async (context) => {
    await context.sendActivity('one');
    await context.sendActivity('two');
  });
  expect(response?.status).toBe(200);
  expect((response?.body as { activities: Activity[] }).activities.map((reply) => reply.text)).toEqual(['one', 'two']);
});

test('expectReplies: a middleware that ends the turn early still gets its replies back', async () => {
  const adapter = localAdapter();
  adapter.cloudAdapter.use(async (context) => {
    await context.sendActivity('stopped');
  });
  const logic = jest.fn(async () => undefined);
  const response = await run(adapter, activity({ deliveryMode: 'expectReplies' }), logic);
  expect(logic).not.toHaveBeenCalled();
  expect((response?.body as { activities: Activity[] }).activities.map((reply) => reply.text)).toEqual(['stopped']);
});

test("invoke: the bot's invoke response, or 501 when it set none", async () => {
  const adapter = localAdapter();
  const answered = await run(adapter, activity({ type: 'invoke', name: 'test/ping', text: undefined }), async (context) => {
    context.turnState.set(INVOKE_RESPONSE_KEY, { type: 'invokeResponse', value: { status: 200, body: { pong: true } } });
  });
  expect(answered).toEqual({ status: 200, body: { pong: true } });
  const unanswered = await run(adapter, activity({ type: 'invoke', name: 'test/ping', text: undefined }), async () => undefined);
  expect(unanswered).toEqual({ status: 501 });
});

test('a normal turn POSTs its replies to the channel, with one connector and one user-token client for many turns', async () => {
  // Counts the connector clients the SDK's own factory makes.
  const sdkAuthenticate = ConfigurationBotFrameworkAuthentication.prototype.authenticateRequest;
  let connectors = 0;
  const authenticate = jest
    .spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'authenticateRequest')
    .mockImplementation(async function (this: ConfigurationBotFrameworkAuthentication, incoming: Activity, header: string) {
      const result = await sdkAuthenticate.call(this, incoming, header);
      const factory = result.connectorFactory!;
      const counting = { create: (serviceUrl: string, audience?: string) => ((connectors += 1), factory.create(serviceUrl, audience)) };
      return { ...result, connectorFactory: counting as typeof factory };
    });
  const userTokenClients = jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient');
  const adapter = localAdapter();
  const before = channel.posts.length;
  for (const text of ['first', 'second', 'third']) {
    const response = await run(adapter, activity(), async (context) => {
      await context.sendActivity(`echo ${text}`);
    });
    expect(response).toBeUndefined();
  }
  expect(channel.posts.slice(before).map((post) => (post as Activity).text)).toEqual(['echo first', 'echo second', 'echo third']);
  // The adapter asked the authentication it was given (the SDK's own, through the subclass) for both clients.
  expect(authenticate).toHaveBeenCalledTimes(3);
  expect(connectors).toBe(1);
  expect(userTokenClients).toHaveBeenCalledTimes(1);
});

test('a turn whose error handler fails is reported to the caller', async () => {
  const adapter = localAdapter();
  adapter.cloudAdapter.onTurnError = async () => {
    throw new Error('handler failed');
  };
  await expect(
    run(adapter, activity({ deliveryMode: 'expectReplies' }), async () => {
      throw new Error('turn failed');
    }),
  ).rejects.toThrow('handler failed');
});

test("expectReplies: the error handler's apology, sent after the middleware returned, is in the response", async () => {
  const response = await run(localAdapter(), activity({ deliveryMode: 'expectReplies', locale: 'en-US' }), async () => {
    throw new Error('turn failed');
  });
  expect((response?.body as { activities: Activity[] }).activities.map((reply) => reply.text)).toEqual([t('en', 'error.generic')]);
});
