/**
 * The one way the bot reaches a Blob container, for state and records alike: a
 * connection string (Azurite, account keys) or the account URL with a managed
 * identity (DefaultAzureCredential: App Service's identity in Azure, `az login`
 * on a laptop; AZURE_CLIENT_ID picks a user-assigned identity).
 */
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';

/**
 * The Azure Storage SDK, loaded on first use: a bot on memory state and record files
 * never reaches Blob storage, and loading the SDK costs about 3.5 MB of heap (over 100
 * modules) in every process.
 */
function storageSdk(): typeof import('@azure/storage-blob') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs require: import() would make every store constructor async
  return require('@azure/storage-blob') as typeof import('@azure/storage-blob');
}

/** How the bot reaches a Blob account: a connection string (Azurite, account keys) or the account URL with a managed identity. */
export type BlobAccount = { connectionString: string; accountUrl?: undefined } | { accountUrl: string; connectionString?: undefined };

/**
 * A turn waits for storage, so an outage must fail in seconds (the user is told)
 * rather than after the SDK's default minute of retries.
 */
export const BLOB_PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 2000, tryTimeoutInMs: 10_000 },
};

export function containerClient(account: BlobAccount, container: string, options: StoragePipelineOptions = BLOB_PIPELINE): ContainerClient {
  const { ContainerClient } = storageSdk();
  if (account.connectionString !== undefined) return new ContainerClient(account.connectionString, container, options);
  // Loaded only for a managed identity: a connection string (Azurite, keys) never needs it, and the CLIs no longer pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs require, as storageSdk above
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new ContainerClient(`${account.accountUrl}/${encodeURIComponent(container)}`, new DefaultAzureCredential(), options);
}

/** The HTTP status of a failed Blob call (404, 409, 412...), if it has one. */
export function blobStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Runs Blob operations once the container exists, creating it on first use. A failed
 * check (storage down at start) is tried again on the next call instead of being
 * remembered forever (botbuilder's BlobsStorage remembers it), so the bot recovers by
 * itself when storage comes back; a container deleted while running is created again.
 */
export class Container {
  private created: Promise<void> | undefined;

  constructor(readonly client: ContainerClient) {}

  async run<T>(operation: (client: ContainerClient) => Promise<T>): Promise<T> {
    const created = (this.created ??= this.client.createIfNotExists().then(() => undefined));
    try {
      await created;
      return await operation(this.client);
    } catch (error) {
      // A refused condition (409, 412) says the container is there; anything else may mean it is not.
      const status = blobStatus(error);
      if (this.created === created && status !== 409 && status !== 412) this.created = undefined;
      if (status === 404 && isContainerMissing(error)) {
        await this.client.createIfNotExists();
        return operation(this.client);
      }
      throw error;
    }
  }
}

function isContainerMissing(error: unknown): boolean {
  const e = error as { code?: unknown; details?: { errorCode?: unknown } };
  return e.details?.errorCode === 'ContainerNotFound' || e.code === 'ContainerNotFound';
}
