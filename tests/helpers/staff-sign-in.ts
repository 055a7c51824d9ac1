/**
 * For tests of the Entra ID sign-in: a real OpenID Connect provider (oidc-provider.mjs)
 * and the real bot, each in a child process (both load ES-module libraries that jest's
 * CommonJS runtime cannot), and a browser-like client that follows redirects with a
 * cookie jar per host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { botArguments } from '../integration/bot-command';

export const ROOT = path.resolve(__dirname, '../..');
export const CLIENT_ID = 'pn-staff-console';
export const CLIENT_SECRET = 'a-client-secret-for-the-test-provider';
export const TENANT = '7f0c1d2e-0000-4000-8000-00000000a11a';
export const OTHER_TENANT = '7f0c1d2e-0000-4000-8000-0000000bad00';
export const SESSION_SECRET = 'a-session-secret-shared-by-every-instance-0123456789';

/** Accounts as Entra would describe them: `tid`, `oid`, `roles`. */
export const ACCOUNTS = {
  officer: { tid: TENANT, oid: '00000000-0000-4000-8000-0000000000a1', roles: ['Staff.Content', 'Staff.Leads'], name: 'Nguyễn Thị Lan', preferred_username: 'lan@pn.example' },
  writer: { tid: TENANT, oid: '00000000-0000-4000-8000-0000000000b2', roles: ['Staff.Content'], name: 'Trần Văn Bình' },
  noRole: { tid: TENANT, oid: '00000000-0000-4000-8000-0000000000c3', roles: [], name: 'No Role' },
  otherTenant: { tid: OTHER_TENANT, oid: '00000000-0000-4000-8000-0000000000d4', roles: ['Staff.Content', 'Staff.Leads'], name: 'Outsider' },
} as const;
export type AccountName = keyof typeof ACCOUNTS;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resolves with the first stdout line `match` accepts; rejects when the process ends first. */
function waitForLine<T>(child: ChildProcess, match: (line: string) => T | undefined, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const errors: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const found = match(line);
      if (found !== undefined) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${errors.join('')}`)));
  });
}

export interface TestProvider {
  issuer: string;
  signInAs(account: AccountName): Promise<void>;
  stop(): Promise<void>;
}

export async function startProvider(redirectUri: string): Promise<TestProvider> {
  const child = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_ACCOUNTS: JSON.stringify(ACCOUNTS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const issuer = await waitForLine(child, (line) => (line.startsWith('{"issuer"') ? (JSON.parse(line) as { issuer: string }).issuer : undefined), 'the OpenID provider');
  return {
    issuer,
    async signInAs(account) {
      const response = await fetch(`${issuer}/test/next-account`, { method: 'POST', body: JSON.stringify({ account }) });
      if (response.status !== 204) throw new Error(`provider refused the account: ${response.status}`);
    },
    stop: () => stop(child),
  };
}

export interface BotProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The bot as production starts it (tests/integration/bot-command.ts), with Entra sign-in against `issuer`. */
export async function startBotProcess(port: number, issuer: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const url = `http://127.0.0.1:${port}`;
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'pn-staff-bot-'));
  const child = spawn(process.execPath, botArguments(), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WATCH_CONTENT: 'false',
      KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
      DIALOGS_DIR: path.join(ROOT, 'dialogs'),
      LOCALES_DIR: path.join(ROOT, 'locales'),
      DATA_DIR: dataDir,
      STAFF_TENANT_ID: TENANT,
      STAFF_CLIENT_ID: CLIENT_ID,
      STAFF_CLIENT_SECRET: CLIENT_SECRET,
      STAFF_OIDC_ISSUER: issuer,
      STAFF_REDIRECT_URI: `${url}/staff/auth/callback`,
      STAFF_SESSION_SECRET: SESSION_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, (line) => (line.includes('"msg":"ready') ? true : undefined), 'the bot');
  return { url, dataDir, stop: () => stop(child) };
}

/** A browser's cookies, enough for these tests: name=value per host, Max-Age=0 removes. */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  store(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    this.byHost.set(host, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
  }

  header(url: string): string {
    const jar = this.byHost.get(new URL(url).host);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).host)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    this.byHost.set(host, jar);
    jar.set(name, value);
  }
}

/** GETs `url` and follows redirects like a browser; stops before any URL `stopAt` accepts. Returns the last URL and response. */
export async function follow(jar: CookieJar, url: string, stopAt: (next: string) => boolean = () => false): Promise<{ url: string; response: Response; visited: string[] }> {
  const visited: string[] = [];
  let current = url;
  for (let hop = 0; hop < 20; hop += 1) {
    visited.push(current);
    const response = await fetch(current, { redirect: 'manual', headers: { Cookie: jar.header(current) } });
    jar.store(current, response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url: current, response, visited };
    const next = new URL(location, current).href;
    if (stopAt(next)) return { url: next, response, visited };
    current = next;
  }
  throw new Error(`too many redirects from ${url}`);
}
