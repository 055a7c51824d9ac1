/**
 * The CloudAdapter builds a new ConnectorClient (a whole Azure HTTP pipeline) for every
 * activity: about 5% of a turn's CPU in the profile, even with expectReplies, where it
 * sends nothing. A client holds no per-conversation state, only the service URL and the
 * bot's credentials (which cache their own token), so one per service URL and audience
 * is reused, as the older BotFrameworkAdapter did. Bounded: a few channels' URLs in
 * practice, whatever clients send.
 */
import { LRUCache } from 'lru-cache';
import type { AuthenticateRequestResult, ConnectorClient, ConnectorFactory } from 'botframework-connector';

const MAX_CLIENTS = 100;

export class ConnectorCache {
  private readonly clients = new LRUCache<string, Promise<ConnectorClient>>({ max: MAX_CLIENTS });

  /** The same authentication result, with a connector factory that reuses clients. */
  wrap(auth: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = auth.connectorFactory;
    if (!factory) return auth;
    // The bot's own app id (or none, locally) is part of the key: another caller's credentials are never reused.
    const appId = auth.claimsIdentity.getClaimValue('appid') ?? auth.claimsIdentity.getClaimValue('azp') ?? '';
    const cached: Pick<ConnectorFactory, 'create'> = {
      create: (serviceUrl: string, audience?: string) => {
        const key = `${appId}\n${auth.audience}\n${audience ?? ''}\n${serviceUrl}`;
        let client = this.clients.get(key);
        if (!client) {
          client = factory.create(serviceUrl, audience);
          // A failed creation is not kept.
          client.catch(() => this.clients.delete(key));
          this.clients.set(key, client);
        }
        return client;
      },
    };
    return { ...auth, connectorFactory: cached as ConnectorFactory };
  }
}
