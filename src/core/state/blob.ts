/**
 * State in Azure Blob storage, shared by every instance: one JSON blob per item,
 * versioned by its eTag. A write sends If-Match with the eTag it read, or
 * If-None-Match: * for an item it found missing, so of two instances writing the same
 * item from the same read only the first succeeds; the other gets StateConflictError
 * and redoes its turn from fresh state.
 */
import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { ContainerClient } from '@azure/storage-blob';
import { blobStatus, Container } from '../storage/blob-container';
import { StateConflictError, type StateStore, type Versioned } from './types';

/**
 * A fixed-length name per key: a readable kind, then the SHA-256 of the whole key. Keys are
 * never cut, so two keys can only share a name if SHA-256 collides. (The earlier names were
 * the URL-encoded key cut to 1,024 characters: two long ids sharing their start shared one
 * blob, and one user saw another's state.)
 */
export function blobName(key: string): string {
  const kind = /^[^/]*\/(conversations|users)\//.exec(key)?.[1] ?? 'items';
  return `${kind}/${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** The Blob limit on a name; the earlier names were cut to it. */
const MAX_BLOB_NAME = 1024;

/**
 * The name the earlier version gave the key, when it was never cut: such a name belongs to
 * this key alone (URL encoding is one-to-one), so the item is still read there and moved
 * to its new name at the next write. A cut name may hold another user's item: never read.
 */
export function legacyBlobName(key: string): string | undefined {
  const encoded = encodeURIComponent(key);
  return encoded.length <= MAX_BLOB_NAME ? encoded : undefined;
}

/** The version of an item read under its old name: the next write moves it. */
const LEGACY = 'legacy:';

export class BlobStateStore implements StateStore {
  private readonly container: Container;

  constructor(client: ContainerClient) {
    this.container = new Container(client);
  }

  async read(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const found = new Map<string, Versioned>();
    await this.container.run((client) =>
      Promise.all(
        keys.map(async (key) => {
          const current = await download(client, blobName(key));
          const legacy = legacyBlobName(key);
          const old = current || legacy === undefined ? undefined : await download(client, legacy);
          if (current) found.set(key, current);
          else if (old) found.set(key, { value: old.value, version: `${LEGACY}${old.version}` });
        }),
      ),
    );
    return found;
  }

  async write(key: string, value: unknown, expected: string | null): Promise<void> {
    const body = JSON.stringify(value);
    const moving = expected?.startsWith(LEGACY) === true;
    try {
      await this.container.run((client) =>
        client.getBlockBlobClient(blobName(key)).upload(body, Buffer.byteLength(body), {
          // An item read under its old name has no new one yet: create it, unless another instance just did.
          conditions: expected === null || moving ? { ifNoneMatch: '*' } : { ifMatch: expected },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        }),
      );
    } catch (error) {
      const status = blobStatus(error);
      // 412: the eTag moved on; 409: the blob was created meanwhile.
      if (status === 412 || status === 409) throw new StateConflictError(key);
      throw error;
    }
    const legacy = legacyBlobName(key);
    if (moving && expected && legacy !== undefined) {
      // Moved: the old copy goes (only the version read; a newer one was written by an older instance and stays unread).
      await this.container.run((client) =>
        client.deleteBlob(legacy, { conditions: { ifMatch: expected.slice(LEGACY.length) } }).catch(ignoreStatus(404, 412)),
      );
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    const names = keys.flatMap((key) => [blobName(key), legacyBlobName(key)].filter((name): name is string => name !== undefined));
    await this.container.run((client) => Promise.all(names.map((name) => client.deleteBlob(name).catch(ignoreStatus(404)))));
  }

  /** A write, not a read: a store that answers reads but refuses writes cannot keep a form's progress. */
  async probe(): Promise<void> {
    const body = JSON.stringify({ at: new Date().toISOString() });
    await this.container.run((client) => client.getBlockBlobClient('readiness-probe').upload(body, Buffer.byteLength(body)));
  }
}

/** The item under this name with its eTag, or undefined when there is none. */
async function download(client: ContainerClient, name: string): Promise<Versioned | undefined> {
  try {
    // One request: the body and the eTag it had.
    const response = await client.getBlobClient(name).download();
    const body = response.readableStreamBody ? await text(response.readableStreamBody) : '';
    return { value: JSON.parse(body) as unknown, version: response.etag ?? '' };
  } catch (error) {
    if (blobStatus(error) === 404) return undefined;
    throw error;
  }
}

const ignoreStatus =
  (...statuses: number[]) =>
  (error: unknown): void => {
    if (!statuses.includes(blobStatus(error) ?? 0)) throw error;
  };
