/**
 * State in Azure Blob storage, shared by every instance: one JSON blob per item,
 * versioned by its eTag. A write sends If-Match with the eTag it read, or
 * If-None-Match: * for an item it found missing, so of two instances writing the same
 * item from the same read only the first succeeds; the other gets StateConflictError
 * and redoes its turn from fresh state.
 */
import { text } from 'node:stream/consumers';
import type { ContainerClient } from '@azure/storage-blob';
import { blobStatus, Container } from '../storage/blob-container';
import { StateConflictError, type StateStore, type Versioned } from './types';

/**
 * One flat, URL-encoded name per key, as botbuilder's BlobsStorage named them: state
 * written by the earlier version of the bot is found after an upgrade.
 */
const blobName = (key: string) => encodeURIComponent(key).slice(0, 1024);

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
          try {
            // One request: the body and the eTag it had.
            const response = await client.getBlobClient(blobName(key)).download();
            const body = response.readableStreamBody ? await text(response.readableStreamBody) : '';
            found.set(key, { value: JSON.parse(body) as unknown, version: response.etag ?? '' });
          } catch (error) {
            if (blobStatus(error) !== 404) throw error;
          }
        }),
      ),
    );
    return found;
  }

  async write(key: string, value: unknown, expected: string | null): Promise<void> {
    const body = JSON.stringify(value);
    try {
      await this.container.run((client) =>
        client.getBlockBlobClient(blobName(key)).upload(body, Buffer.byteLength(body), {
          conditions: expected === null ? { ifNoneMatch: '*' } : { ifMatch: expected },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        }),
      );
    } catch (error) {
      const status = blobStatus(error);
      // 412: the eTag moved on; 409: the blob was created meanwhile.
      if (status === 412 || status === 409) throw new StateConflictError(key);
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    await this.container.run((client) =>
      Promise.all(
        keys.map((key) =>
          client.deleteBlob(blobName(key)).catch((error: unknown) => {
            if (blobStatus(error) !== 404) throw error;
          }),
        ),
      ),
    );
  }

  /** A write, not a read: a store that answers reads but refuses writes cannot keep a form's progress. */
  async probe(): Promise<void> {
    const body = JSON.stringify({ at: new Date().toISOString() });
    await this.container.run((client) => client.getBlockBlobClient('readiness-probe').upload(body, Buffer.byteLength(body)));
  }
}
