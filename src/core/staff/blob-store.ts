/**
 * The content store in a Blob container shared by every instance (CONTENT_CONTAINER,
 * default `content`): versions/<id>.json and files/<sha256>, each written once with
 * If-None-Match: *, and live.json, replaced only with If-Match on the eTag it was read
 * with. Instances poll live.json's eTag to follow a publish.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { blobStatus, Container } from '../storage/blob-container';
import type { ContentFiles } from './entry-index';
import { FILE_HASH, IMAGE_ID, VERSION_ID, versionInfo, type ContentStore, type ImageSnapshot, type LivePointer, type StoredVersion, type VersionInfo } from './content-store';

const LIVE = 'live.json';

export class BlobContentStore implements ContentStore {
  private readonly container: Container;

  constructor(private readonly client: ContainerClient) {
    this.container = new Container(client);
  }

  get where(): string {
    return `Blob container ${this.client.containerName}`;
  }

  async readLive(): Promise<{ pointer: LivePointer; tag: string } | undefined> {
    const read = await this.download(LIVE);
    if (!read) return undefined;
    return { pointer: JSON.parse(read.text) as LivePointer, tag: read.etag };
  }

  async liveTag(): Promise<string | undefined> {
    try {
      return (await this.container.run((client) => client.getBlockBlobClient(LIVE).getProperties())).etag;
    } catch (error) {
      if (blobStatus(error) === 404) return undefined;
      throw error;
    }
  }

  async swapLive(pointer: LivePointer, ifMatch: string | undefined): Promise<boolean> {
    const body = `${JSON.stringify(pointer, null, 2)}\n`;
    try {
      await this.container.run((client) =>
        client.getBlockBlobClient(LIVE).upload(body, Buffer.byteLength(body), {
          conditions: ifMatch === undefined ? { ifNoneMatch: '*' } : { ifMatch },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        }),
      );
      return true;
    } catch (error) {
      const status = blobStatus(error);
      if (status === 409 || status === 412) return false;
      throw error;
    }
  }

  async putVersion(version: StoredVersion, files: ContentFiles): Promise<void> {
    if (!VERSION_ID.test(version.id)) throw new Error(`bad version id ${version.id}`);
    await this.putFiles(version.manifest, files);
    await this.createOnce(`versions/${version.id}.json`, `${JSON.stringify(version, null, 2)}\n`);
  }

  async readVersion(id: string): Promise<StoredVersion | undefined> {
    if (!VERSION_ID.test(id)) return undefined;
    const read = await this.download(`versions/${id}.json`);
    return read ? (JSON.parse(read.text) as StoredVersion) : undefined;
  }

  async putImage(image: ImageSnapshot, files: ContentFiles): Promise<void> {
    if (!IMAGE_ID.test(image.id)) throw new Error(`bad image id ${image.id}`);
    await this.putFiles(image.manifest, files);
    await this.createOnce(`images/${image.id}.json`, `${JSON.stringify(image, null, 2)}\n`);
  }

  async readImage(id: string): Promise<ImageSnapshot | undefined> {
    if (!IMAGE_ID.test(id)) return undefined;
    const read = await this.download(`images/${id}.json`);
    return read ? (JSON.parse(read.text) as ImageSnapshot) : undefined;
  }

  async readFiles(manifest: Record<string, string>): Promise<ContentFiles> {
    const entries = await Promise.all(
      Object.entries(manifest).map(async ([name, hash]) => {
        if (!FILE_HASH.test(hash)) throw new Error(`bad file hash ${hash}`);
        const read = await this.download(`files/${hash}`);
        if (!read) throw new Error(`the text of ${name} (${hash}) is missing from ${this.where}`);
        return [name, read.text] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async listVersions(): Promise<VersionInfo[]> {
    const ids: string[] = [];
    await this.container.run(async (client) => {
      for await (const blob of client.listBlobsFlat({ prefix: 'versions/' })) {
        const id = blob.name.slice('versions/'.length).replace(/\.json$/, '');
        if (VERSION_ID.test(id)) ids.push(id);
      }
    });
    ids.sort().reverse();
    const versions = await Promise.all(ids.map((id) => this.readVersion(id)));
    return versions.filter((version): version is StoredVersion => version !== undefined).map(versionInfo);
  }

  private async putFiles(manifest: Record<string, string>, files: ContentFiles): Promise<void> {
    await Promise.all(Object.entries(manifest).map(([name, hash]) => this.createOnce(`files/${hash}`, files[name] ?? '')));
  }

  /** Writes a blob that never changes; one already there (same name, so same content) is fine. */
  private async createOnce(name: string, text: string): Promise<void> {
    try {
      await this.container.run((client) =>
        client.getBlockBlobClient(name).upload(text, Buffer.byteLength(text), { conditions: { ifNoneMatch: '*' }, blobHTTPHeaders: { blobContentType: 'text/plain; charset=utf-8' } }),
      );
    } catch (error) {
      const status = blobStatus(error);
      if (status !== 409 && status !== 412) throw error;
    }
  }

  /** The text and the eTag of the same read (one request, so they always belong together). */
  private async download(name: string): Promise<{ text: string; etag: string } | undefined> {
    try {
      return await this.container.run(async (client) => {
        const response = await client.getBlockBlobClient(name).download();
        const chunks: Buffer[] = [];
        for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
        return { text: Buffer.concat(chunks).toString('utf8'), etag: response.etag ?? '' };
      });
    } catch (error) {
      if (blobStatus(error) === 404) return undefined;
      throw error;
    }
  }
}
