/**
 * Records in Azure Blob storage, shared by every instance of the bot: one blob per
 * record, `<kind>/<id>.json`, written with If-None-Match: * so nothing is ever
 * overwritten. A keyed append (a lead keyed by its conversation and flow run) is named
 * after the key, so a retry or a second instance finds the record already there and
 * gets the same record (and reference) back instead of a duplicate.
 *
 * Purges are safe across processes without a lease: a record never changes once
 * written, a delete names the exact blobs it matched (with If-Match on their eTag),
 * and a record appended meanwhile is a new blob the delete never saw.
 *
 * Who and when are in each blob's metadata (the user id as a hash), so reports by date
 * and deletes by user, reference or age list the container without downloading
 * every record.
 */
import { createHash } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { blobStatus, Container } from '../storage/blob-container';
import type { DeleteOptions, OnceResult, DeleteResult, ReadOptions, RecordData, RecordFilter, RecordKind, RecordStore, StoredRecord } from './types';
import { matchesFilter, RECORD_KINDS } from './types';
import { parseRecord, prepareRecord, withDefaults, type RecordStoreOptions } from './record-shape';

/** Blobs downloaded at once by a read or a delete. */
const CONCURRENCY = 16;

export type BlobRecordStoreOptions = RecordStoreOptions;

interface Listed {
  name: string;
  etag?: string;
  metadata: Record<string, string>;
}

export class BlobRecordStore implements RecordStore {
  private readonly container: Container;
  private closed = false;
  private readonly options: Required<RecordStoreOptions>;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly client: ContainerClient,
    options: BlobRecordStoreOptions = {},
  ) {
    this.options = withDefaults(options);
    this.container = new Container(client);
  }

  location(kind: RecordKind): string {
    return `${this.client.url}/${kind}/`;
  }

  async append(kind: RecordKind, record: RecordData): Promise<StoredRecord> {
    return (await this.store(kind, record)).record;
  }

  appendOnce(kind: RecordKind, record: RecordData, key: string): Promise<OnceResult> {
    return this.store(kind, record, key);
  }

  private async store(kind: RecordKind, record: RecordData, key?: string): Promise<OnceResult> {
    if (this.closed) throw new Error('the record store is closed');
    const id = key === undefined ? this.options.newId() : keyedId(key);
    const stored = prepareRecord(kind, key === undefined ? record : { ...record, key }, { id, at: this.options.now().toISOString() });
    const body = JSON.stringify(stored);
    const blob = this.client.getBlockBlobClient(blobName(kind, id));
    try {
      await this.container.run(() =>
        blob.upload(body, Buffer.byteLength(body), {
          conditions: { ifNoneMatch: '*' },
          metadata: metadataOf(stored),
          blobHTTPHeaders: { blobContentType: 'application/json' },
        }),
      );
      return { record: stored, created: true };
    } catch (error) {
      // The key was stored before (an earlier attempt, another instance): that record is the answer.
      if (key !== undefined && (blobStatus(error) === 409 || blobStatus(error) === 412)) {
        const existing = parseRecord(await downloadText(this.client, blobName(kind, id)));
        if (existing) return { record: existing, created: false };
      }
      throw error;
    }
  }

  appendBestEffort(kind: RecordKind, record: RecordData, onError?: (error: unknown) => void): void {
    const report = onError ?? ((error: unknown) => this.options.onBestEffortError(error, kind));
    if (this.pending.size >= this.options.maxBestEffortPending) {
      report(new Error(`${this.pending.size} best-effort records are already waiting for Blob storage: dropped one`));
      return;
    }
    const write = this.append(kind, record).catch(report);
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  async *read(kind: RecordKind, options: ReadOptions = {}): AsyncGenerator<StoredRecord> {
    const since = options.since === undefined ? undefined : new Date(options.since).getTime();
    const listed = (await this.list(kind)).filter((blob) => since === undefined || !blob.metadata.at || Date.parse(blob.metadata.at) >= since);
    listed.sort((a, b) => (a.metadata.at ?? '').localeCompare(b.metadata.at ?? '') || a.name.localeCompare(b.name));
    for (let start = 0; start < listed.length; start += CONCURRENCY) {
      const batch = listed.slice(start, start + CONCURRENCY);
      const texts = await Promise.all(batch.map((blob) => downloadText(this.client, blob.name).catch(() => undefined)));
      for (const [index, text] of texts.entries()) {
        const record = text === undefined ? undefined : parseRecord(text);
        if (!record) {
          // Deleted between the listing and the download, or not a record: said, not fatal.
          if (text !== undefined) this.options.onSkippedLine({ file: batch[index].name, line: 1, reason: 'invalid' });
          continue;
        }
        if (since === undefined || Date.parse(record.at) >= since) yield record;
      }
    }
  }

  async delete(filter: RecordFilter, options: DeleteOptions = {}): Promise<DeleteResult[]> {
    if (!filter.user && filter.reference === undefined && !filter.olderThan) {
      throw new Error('delete needs a user, a reference or an age: refusing to guess what to remove');
    }
    const results: DeleteResult[] = [];
    for (const kind of options.kinds ?? RECORD_KINDS) {
      // The question log carries no user id and no reference: listing it (the largest kind)
      // for one person's data would only make "delete my data" slow.
      if (kind === 'question' && (filter.user || filter.reference !== undefined)) continue;
      const result: DeleteResult = { kind, removed: 0, kept: 0, unreadable: 0 };
      const listed = await this.list(kind);
      for (let start = 0; start < listed.length; start += CONCURRENCY) {
        await Promise.all(
          listed.slice(start, start + CONCURRENCY).map(async (blob) => {
            const verdict = await this.matches(blob, filter);
            if (verdict === 'unreadable') return void (result.unreadable += 1);
            if (!verdict) return void (result.kept += 1);
            if (!options.dryRun) {
              try {
                await this.client.deleteBlob(blob.name, { conditions: blob.etag ? { ifMatch: blob.etag } : {} });
              } catch (error) {
                // Already gone (another purge, another instance): nothing left to remove.
                if (blobStatus(error) !== 404) throw error;
                return;
              }
            }
            result.removed += 1;
          }),
        );
      }
      results.push(result);
    }
    return results;
  }

  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async checkWritable(): Promise<void> {
    const probe = 'readiness/probe.json';
    const body = JSON.stringify({ at: this.options.now().toISOString() });
    await this.container.run(() => this.client.getBlockBlobClient(probe).upload(body, Buffer.byteLength(body)));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  /** Whether a listed record matches: from its metadata when that is enough, else from the record itself. */
  private async matches(blob: Listed, filter: RecordFilter): Promise<boolean | 'unreadable'> {
    if (blob.metadata.at === undefined) {
      const record = parseRecord(await downloadText(this.client, blob.name).catch(() => ''));
      return record ? matchesFilter(record, filter) : 'unreadable';
    }
    return matchesFilter(recordOfMetadata(blob.metadata), withHashedUser(filter));
  }

  private async list(kind: RecordKind): Promise<Listed[]> {
    const listed: Listed[] = [];
    await this.container.run(async () => {
      listed.length = 0;
      for await (const item of this.client.listBlobsFlat({ prefix: `${kind}/`, includeMetadata: true })) {
        listed.push({ name: item.name, etag: item.properties.etag, metadata: item.metadata ?? {} });
      }
    });
    return listed;
  }
}

/** The fields a filter looks at, read back from metadata (the user id stays hashed). */
function recordOfMetadata(metadata: Record<string, string>): Record<string, unknown> {
  return { at: metadata.at, userId: metadata.userid, channelId: decoded(metadata.channel), reference: decoded(metadata.reference) };
}

/** The filter with its user id hashed as the metadata holds it. */
function withHashedUser(filter: RecordFilter): RecordFilter {
  return filter.user ? { ...filter, user: { ...filter.user, userId: hashUser(filter.user.userId) } } : filter;
}

function decoded(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    // Not written by this store: matches no channel or reference.
    return undefined;
  }
}

/** Blob metadata must be ASCII: the user id is hashed (it is personal), the rest URI-encoded. */
function metadataOf(record: Record<string, unknown>): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (typeof record.at === 'string') metadata.at = record.at;
  if (typeof record.userId === 'string') metadata.userid = hashUser(record.userId);
  if (typeof record.channelId === 'string') metadata.channel = encodeURIComponent(record.channelId);
  if (typeof record.reference === 'string') metadata.reference = encodeURIComponent(record.reference);
  return metadata;
}

const hashUser = (userId: string) => createHash('sha256').update(userId).digest('hex').slice(0, 32);
const keyedId = (key: string) => `k-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
const blobName = (kind: RecordKind, id: string) => `${kind}/${id}.json`;

async function downloadText(client: ContainerClient, name: string): Promise<string> {
  return (await client.getBlobClient(name).downloadToBuffer()).toString('utf8');
}
