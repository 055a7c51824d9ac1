/**
 * /staff: the shell page, its files and strings carry the console's CSP and no CORS
 * header; without any sign-in configured the session says so and holds nothing.
 */
import { startTestServer, type TestServer } from '../integration/harness';

const TOKEN = 'a-staff-token-of-at-least-32-characters';

describe('/staff page', () => {
  let none: TestServer;
  let token: TestServer;
  beforeAll(async () => {
    // One after the other: each loads the whole knowledge base.
    none = await startTestServer({});
    token = await startTestServer({ STAFF_TOKEN: TOKEN });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([none, token].map((server) => server?.close(100)));
  });

  it('serves the shell, its script, styles and strings with the CSP and without CORS', async () => {
    const server = token;
    for (const route of ['/staff', '/staff/shell.js', '/staff/staff.css', '/staff/locales/vi.json', '/staff/locales/en.json', '/staff/auth/session']) {
      const response = await fetch(`${server.url}${route}`, { headers: { Origin: 'https://evil.example' } });
      expect({ route, status: response.status }).toEqual({ route, status: 200 });
      expect(response.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none'");
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('serves a section module only by a plain id, never a path', async () => {
    const server = token;
    for (const route of ['/staff/tabs/..%2F..%2Fpackage.json', '/staff/tabs/nothing-here.js', '/staff/locales/de.json', '/staff/locales/..%2Fvi%2Ftranslation.json']) {
      expect({ route, status: (await fetch(`${server.url}${route}`)).status }).toEqual({ route, status: 404 });
    }
  });

  it('says which sign-in is offered, and shows no user or section without credentials', async () => {
    expect(await (await fetch(`${none.url}/staff/auth/session`)).json()).toEqual({ signIn: { entra: false, token: false }, user: null, csrf: null, tabs: [] });
    expect(await (await fetch(`${token.url}/staff/auth/session`)).json()).toEqual({ signIn: { entra: false, token: true }, user: null, csrf: null, tabs: [] });
  });
});
