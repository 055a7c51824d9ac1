/**
 * Staff sign-in sessions, kept on the server so a session can be ended (sign-out,
 * revocation) and every instance sees the same ones: in memory locally, in the state's
 * Blob container (`staff-sessions/<hash of the id>.json`) with STORAGE=blob. The cookie
 * holds only the signed id; the id itself never names a blob.
 *
 * Limits: 8 hours from sign-in, 1 hour without a request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { blobStatus, Container, containerClient, type BlobAccount } from '../storage/blob-container';

export const SESSION_ABSOLUTE_MS = 8 * 60 * 60_000;
export const SESSION_IDLE_MS = 60 * 60_000;
/** A request refreshes `lastSeenAt` at most this often, so a busy page is not a write per request. */
export const SESSION_TOUCH_MS = 60_000;

export interface StaffSession {
  id: string;
  /** `tid:oid` or `token`. */
  actor: string;
  displayName: string;
  roles: string[];
  via: 'token' | 'session';
  /** Sent back by the page with every change. */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionStore {
  get(id: string): Promise<StaffSession | undefined>;
  put(session: StaffSession): Promise<void>;
  delete(id: string): Promise<void>;
}

/** A new session (new id and CSRF token: a sign-in never reuses an earlier id). */
export function newSession(who: Pick<StaffSession, 'actor' | 'displayName' | 'roles' | 'via'>, now: number): StaffSession {
  const random = () => randomBytes(32).toString('base64url');
  return { ...who, roles: [...who.roles], id: random(), csrf: random(), createdAt: now, lastSeenAt: now };
}

/** Whether a session is still usable at `now`. */
export function sessionAlive(session: StaffSession, now: number): boolean {
  return now < session.createdAt + SESSION_ABSOLUTE_MS && now < session.lastSeenAt + SESSION_IDLE_MS;
}

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StaffSession>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(id: string): Promise<StaffSession | undefined> {
    this.sweep();
    const session = this.sessions.get(id);
    return session ? { ...session } : undefined;
  }

  async put(session: StaffSession): Promise<void> {
    this.sessions.set(session.id, { ...session });
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  /** Dead sessions go, so the map stays as small as the staff signed in. */
  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (!sessionAlive(session, now)) this.sessions.delete(id);
  }
}

const PREFIX = 'staff-sessions/';

export class BlobSessionStore implements SessionStore {
  private readonly container: Container;

  constructor(account: BlobAccount, containerName: string) {
    this.container = new Container(containerClient(account, containerName));
  }

  private name(id: string): string {
    return `${PREFIX}${createHash('sha256').update(id).digest('hex')}.json`;
  }

  async get(id: string): Promise<StaffSession | undefined> {
    try {
      const body = await this.container.run((client) => client.getBlockBlobClient(this.name(id)).downloadToBuffer());
      const session = JSON.parse(body.toString('utf8')) as StaffSession;
      return session.id === id ? session : undefined;
    } catch (error) {
      if (blobStatus(error) === 404) return undefined;
      throw error;
    }
  }

  async put(session: StaffSession): Promise<void> {
    const body = JSON.stringify(session);
    await this.container.run((client) =>
      client.getBlockBlobClient(this.name(session.id)).upload(body, Buffer.byteLength(body), { blobHTTPHeaders: { blobContentType: 'application/json' } }),
    );
  }

  async delete(id: string): Promise<void> {
    await this.container.run((client) => client.getBlockBlobClient(this.name(id)).deleteIfExists());
  }
}

export type SessionStoreSetting = { kind: 'memory' } | ({ kind: 'blob'; container: string } & BlobAccount);

export function createSessionStore(setting: SessionStoreSetting): SessionStore {
  return setting.kind === 'memory' ? new MemorySessionStore() : new BlobSessionStore(setting, setting.container);
}
