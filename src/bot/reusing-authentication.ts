/**
 * Bot Framework authentication from config that reuses the SDK's HTTP clients. The
 * CloudAdapter builds two new Azure HTTP pipelines for every activity: a ConnectorClient
 * (even with expectReplies, where it sends nothing) and a UserTokenClient (for OAuth
 * sign-in, which this bot never uses). Together about 10% of a turn's CPU in the profile.
 * Neither holds per-conversation state, only the service URL and the bot's credentials
 * (which cache their own token), so they are reused per service URL and bot identity, as
 * the older BotFrameworkAdapter did. Bounded, whatever service URLs clients send.
 *
 * Public API only: a subclass of ConfigurationBotFrameworkAuthentication that overrides
 * two public methods, handed to the CloudAdapter's constructor. The adapter asks it for
 * the authentication result (whose connector factory is this cache) and for the user
 * token client (tests/bot/adapter-sdk.test.ts checks that it still does).
 */
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import { LRUCache } from 'lru-cache';

const MAX_CLIENTS = 100;

/** Who the clients act as: never reuse one made for another caller's credentials. */
function identityKey(claims: ClaimsIdentity): string {
  return ['aud', 'appid', 'azp'].map((type) => claims.getClaimValue(type) ?? '').join('\n');
}

/** Caches a promise; a failed one is dropped so the next call tries again. */
function remember<T>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

/** One ConnectorClient per (identity, audience, service URL) and one UserTokenClient per identity. */
export class ClientCache {
  private readonly connectors = new LRUCache<string, Promise<ConnectorClient>>({ max: MAX_CLIENTS });
  private readonly tokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: MAX_CLIENTS });

  /** The same authentication result, with a connector factory that reuses clients. */
  wrap(auth: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = auth.connectorFactory;
    if (!factory) return auth;
    const identity = `${identityKey(auth.claimsIdentity)}\n${auth.audience}`;
    const cached: Pick<ConnectorFactory, 'create'> = {
      create: (serviceUrl: string, audience?: string) =>
        remember(this.connectors, `${identity}\n${audience ?? ''}\n${serviceUrl}`, () => factory.create(serviceUrl, audience)),
    };
    return { ...auth, connectorFactory: cached as ConnectorFactory };
  }

  userTokenClient(claims: ClaimsIdentity, create: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return remember(this.tokenClients, identityKey(claims), create);
  }
}

export class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new ClientCache();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.clients.wrap(await super.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.clients.wrap(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(claimsIdentity, () => super.createUserTokenClient(claimsIdentity));
  }
}
