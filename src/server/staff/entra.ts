/**
 * Staff sign-in with Microsoft Entra ID: OpenID Connect authorization code flow with PKCE,
 * state and nonce, through `openid-client` (which checks the ID token's signature, issuer,
 * audience, expiry and nonce). Who someone is comes from the ID token alone: `tid` + `oid`
 * (the actor), the `roles` claim (Entra app roles), `name`/`preferred_username` for display.
 * A tenant other than the configured one, or no staff role, is refused.
 */
import type * as OpenIdClient from 'openid-client';
import type { StaffSignInConfig } from '../../config';
import { isStaffRole, type StaffRole } from './guard';

type OidcSettings = NonNullable<StaffSignInConfig['oidc']>;

/**
 * openid-client is an ES module; Node (>= 20.19) loads it with require. Loaded only when
 * Entra sign-in is configured, so a bot without it never needs the library.
 */
function oidcLibrary(): typeof OpenIdClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of an ES module from CommonJS
  return require('openid-client') as typeof OpenIdClient;
}

/** What the browser carries between /staff/auth/login and /staff/auth/callback (sealed in a cookie). */
export interface SignInTransaction {
  state: string;
  nonce: string;
  verifier: string;
  /** ms since epoch: a transaction older than 10 minutes is refused. */
  startedAt: number;
}

export const SIGN_IN_MAX_AGE_MS = 10 * 60_000;

/** Why a sign-in failed: a key of `signin.failed.*` in locales/staff. */
export type SignInFailure = 'state' | 'tenant' | 'role' | 'provider' | 'denied';

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
    /** `tid:oid` when the ID token was valid but refused (wrong tenant, no role). */
    readonly actor?: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

export interface EntraPerson {
  actor: string;
  displayName: string;
  roles: StaffRole[];
}

export class EntraSignIn {
  private configuration: Promise<OpenIdClient.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  private config(): Promise<OpenIdClient.Configuration> {
    const lib = oidcLibrary();
    const issuer = new URL(this.settings.issuer);
    // Plain http only for a provider on this machine (tests, local development).
    const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    const loading = (this.configuration ??= lib.discovery(
      issuer,
      this.settings.clientId,
      undefined,
      lib.ClientSecretPost(this.settings.clientSecret),
      loopback ? { execute: [lib.allowInsecureRequests] } : undefined,
    ));
    // A failed discovery (the provider unreachable) is tried again on the next sign-in.
    loading.catch(() => {
      if (this.configuration === loading) this.configuration = undefined;
    });
    return loading;
  }

  /** The address to send the browser to, and what to keep until it comes back. */
  async start(now: number): Promise<{ url: string; transaction: SignInTransaction }> {
    const lib = oidcLibrary();
    const config = await this.config();
    const transaction: SignInTransaction = { state: lib.randomState(), nonce: lib.randomNonce(), verifier: lib.randomPKCECodeVerifier(), startedAt: now };
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile email',
      response_type: 'code',
      code_challenge: await lib.calculatePKCECodeChallenge(transaction.verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /** Redeems the code the browser brought back (`query`: the callback's query string). */
  async finish(query: string, transaction: SignInTransaction | undefined, now: number): Promise<EntraPerson> {
    const params = new URLSearchParams(query);
    if (params.has('error')) throw new SignInError(params.get('error') === 'access_denied' ? 'denied' : 'provider', `the provider answered ${params.get('error')}`);
    if (!transaction || now - transaction.startedAt > SIGN_IN_MAX_AGE_MS || now < transaction.startedAt) {
      throw new SignInError('state', 'no sign-in in progress in this browser, or it is older than 10 minutes');
    }
    if (params.get('state') !== transaction.state) throw new SignInError('state', 'the state does not match the sign-in this browser started');
    const lib = oidcLibrary();
    const config = await this.config();
    // The redirect URI as registered, never the Host header, with the provider's answer.
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = params.toString();
    let claims: OpenIdClient.IDToken | undefined;
    try {
      const tokens = await lib.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: transaction.verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new SignInError('provider', `the code was not accepted: ${(error as Error).message}`);
    }
    if (!claims) throw new SignInError('provider', 'no ID token');
    const tid = typeof claims.tid === 'string' ? claims.tid : '';
    const oid = typeof claims.oid === 'string' ? claims.oid : '';
    if (!tid || !oid) throw new SignInError('provider', 'the ID token has no tid or oid claim');
    const actor = `${tid}:${oid}`;
    if (tid.toLowerCase() !== this.settings.tenantId.toLowerCase()) throw new SignInError('tenant', `tenant ${tid} is not the school's`, actor);
    const roles = (Array.isArray(claims.roles) ? claims.roles : []).filter((role): role is StaffRole => typeof role === 'string' && isStaffRole(role));
    if (roles.length === 0) throw new SignInError('role', 'the account has no staff role', actor);
    const display = [claims.name, claims.preferred_username, claims.email].find((value): value is string => typeof value === 'string' && value.trim() !== '');
    return { actor, displayName: display ?? oid, roles };
  }
}
