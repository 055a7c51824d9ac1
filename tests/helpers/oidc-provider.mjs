// A real OpenID Connect provider (the `oidc-provider` package) standing in for Microsoft
// Entra ID in tests: it issues ID tokens with `tid`, `oid` and `roles` as Entra does.
// Run in a child process (the package is an ES module): `node oidc-provider.mjs` with
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_ACCOUNTS (JSON: {name: claims}).
// It listens on 127.0.0.1:0 and prints one line {"issuer": "http://127.0.0.1:<port>"}.
// There is no login form: the account that signs in next is chosen by the test with
// POST /test/next-account {"account": "<name>"} (the interaction then finishes by itself).
import http from 'node:http';
import Provider from 'oidc-provider';

const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');
let nextAccount = Object.keys(accounts)[0];

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  // As Entra: tid, oid and roles in the ID token itself.
  claims: { openid: ['sub', 'tid', 'oid', 'roles'], profile: ['name', 'preferred_username'], email: ['email'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['test-provider-cookie-key'] },
  // First-party application: no consent screen (Entra's admin consent).
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, sub) {
    const claims = accounts[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...claims }) };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.on('server_error', (_ctx, error) => console.error('provider error', error));

const callback = provider.callback();
server.on('request', async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/test/next-account') {
      let body = '';
      for await (const chunk of req) body += chunk;
      nextAccount = JSON.parse(body).account;
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && req.url.startsWith('/interaction/')) {
      await provider.interactionDetails(req, res);
      await provider.interactionFinished(req, res, { login: { accountId: nextAccount } }, { mergeWithLastSubmission: false });
      return;
    }
    callback(req, res);
  } catch (error) {
    console.error('provider test route failed', error);
    res.writeHead(500).end(String(error));
  }
});

console.log(JSON.stringify({ issuer }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
