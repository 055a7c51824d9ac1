/**
 * The one way the bot reaches a Blob container, for state and records alike: a
 * connection string (Azurite, account keys) or the account URL with a managed
 * identity (DefaultAzureCredential: App Service's identity in Azure, `az login`
 * on a laptop; AZURE_CLIENT_ID picks a user-assigned identity).
 */
import { DefaultAzureCredential } from '@azure/identity';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';

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
  if (account.connectionString !== undefined) return new ContainerClient(account.connectionString, container, options);
  return new ContainerClient(`${account.accountUrl}/${encodeURIComponent(container)}`, new DefaultAzureCredential(), options);
}
