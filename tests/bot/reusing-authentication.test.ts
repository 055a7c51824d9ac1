/** One ConnectorClient per service URL and bot, and one UserTokenClient per bot, instead of new Azure pipelines per activity. */
import { ClaimsIdentity, type AuthenticateRequestResult, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { ClientCache } from '../../src/bot/reusing-authentication';

function authResult(appId: string, create: (url: string) => Promise<ConnectorClient>): AuthenticateRequestResult {
  return {
    audience: 'aud',
    claimsIdentity: new ClaimsIdentity([{ type: 'appid', value: appId }], true),
    connectorFactory: { create } as unknown as ConnectorFactory,
  };
}

test('reuses a client per service URL and bot, and forgets a failed creation', async () => {
  const cache = new ClientCache();
  const made: string[] = [];
  const create = async (url: string) => {
    made.push(url);
    if (url.includes('fail')) throw new Error('no');
    return { url } as unknown as ConnectorClient;
  };
  const a1 = await cache.wrap(authResult('bot', create)).connectorFactory!.create('https://a/');
  const a2 = await cache.wrap(authResult('bot', create)).connectorFactory!.create('https://a/');
  await cache.wrap(authResult('bot', create)).connectorFactory!.create('https://b/');
  await cache.wrap(authResult('other-bot', create)).connectorFactory!.create('https://a/');
  expect(a1).toBe(a2);
  expect(made).toEqual(['https://a/', 'https://b/', 'https://a/']);
  await expect(cache.wrap(authResult('bot', create)).connectorFactory!.create('https://fail/')).rejects.toThrow('no');
  await expect(cache.wrap(authResult('bot', create)).connectorFactory!.create('https://fail/')).rejects.toThrow('no');
  expect(made.filter((url) => url.includes('fail'))).toHaveLength(2);
});

test('one UserTokenClient per bot identity instead of one per activity', async () => {
  const cache = new ClientCache();
  const made: string[] = [];
  const create = (claims: ClaimsIdentity) => async () => {
    made.push(claims.getClaimValue('appid') ?? '');
    return {} as UserTokenClient;
  };
  const claims = (appId: string) => new ClaimsIdentity([{ type: 'appid', value: appId }], true);
  const first = await cache.userTokenClient(claims('bot'), create(claims('bot')));
  expect(await cache.userTokenClient(claims('bot'), create(claims('bot')))).toBe(first);
  await cache.userTokenClient(claims('other'), create(claims('other')));
  expect(made).toEqual(['bot', 'other']);
});
