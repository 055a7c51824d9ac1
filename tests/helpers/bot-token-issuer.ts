/**
 * A local stand-in for the Bot Framework's token issuer: an OpenID metadata document and its
 * signing key over HTTP, and tokens signed with that key as a channel signs them. A bot given
 * `env(appId)` (the SDK's settings for another cloud, BOT_FRAMEWORK_CLOUD_KEYS in src/config.ts)
 * checks a request's token against this issuer instead of login.botframework.com, with the
 * SDK's own validation (signature, issuer, audience, service URL).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotTokenIssuer {
  url: string;
  /** The settings that make a bot with this app id trust this issuer. */
  env(appId: string): Record<string, string>;
  /** A channel's token for this bot and service URL, valid for an hour. */
  token(appId: string, serviceUrl: string): string;
  close(): Promise<void>;
}

const ISSUER = 'https://token-issuer.test.invalid';
const KEY_ID = 'test-signing-key';

export async function startBotTokenIssuer(): Promise<BotTokenIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const server = createServer((req, res) => {
    const body =
      req.url === '/.well-known/openidconfiguration'
        ? { issuer: ISSUER, jwks_uri: `${url}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
        : req.url === '/keys'
          ? { keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e }] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not_found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    url,
    env: () => ({
      ToBotFromChannelTokenIssuer: ISSUER,
      ToBotFromChannelOpenIdMetadataUrl: `${url}/.well-known/openidconfiguration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${url}/.well-known/openidconfiguration`,
      ToChannelFromBotLoginUrl: `${url}/login`,
      ToChannelFromBotOAuthScope: ISSUER,
      OAuthUrl: `${url}/oauth`,
      CallerId: 'urn:botframework:test',
      ValidateAuthority: 'false',
    }),
    token(appId, serviceUrl) {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })}.${part({ iss: ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 })}`;
      return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
