/**
 * The content store, repository, source and service, put together for the app
 * (src/app.ts): the store follows STORAGE (a folder under DATA_DIR and knowledge/ as the
 * live files, or the Blob content container seeded from the image's files).
 */
import path from 'node:path';
import type { ArtefactStore } from '../storage/artefacts';
import { containerClient, type BlobAccount } from '../storage/blob-container';
import { BlobContentStore } from './blob-store';
import { createContentChecker, type ContentChecker } from './check-files';
import { ContentRepository, readContentFolder } from './content-repository';
import { createContentService, type ContentAudit, type ContentService, type DecisionComparer } from './content-service';
import { ContentSource } from './content-source';
import type { StoredVersion } from './content-store';
import { FolderContentStore } from './folder-store';
import { followImage, type FollowImageResult } from './image-merge';

export interface PublishingOptions {
  store: { kind: 'folder' } | ({ kind: 'blob'; container: string } & BlobAccount);
  /** The image's knowledge folder (KNOWLEDGE_DIR): the live files locally, the seed with Blob. */
  knowledgeDir: string;
  dialogsDir: string;
  dataDir: string;
  pollMs: number;
  /** Compiled content (issue 20): a checked version is compiled once and served from it. */
  compiled?: ArtefactStore;
  audit?: ContentAudit;
  compareDecisions?: DecisionComparer;
  onPollError?: (error: unknown) => void;
}

export interface Publishing {
  repository: ContentRepository;
  source: ContentSource;
  service: ContentService;
  check: ContentChecker;
  /** With Blob: merges the image's files into the live content (once per image). */
  followImage(): Promise<FollowImageResult | undefined>;
  /** Set by the app: makes this instance serve a version just published, and waits for it. */
  onPublished?: (version: StoredVersion) => Promise<void>;
}

export function createPublishing(options: PublishingOptions): Publishing {
  const blob = options.store.kind === 'blob' ? options.store : undefined;
  const store = blob ? new BlobContentStore(containerClient(blob, blob.container)) : new FolderContentStore(path.join(options.dataDir, 'content'));
  const folder = blob ? undefined : options.knowledgeDir;
  const repository = new ContentRepository({ store, ...(folder ? { folder } : { seed: () => readContentFolder(options.knowledgeDir) }) });
  const source = new ContentSource({ repository, ...(folder ? { folder } : {}), outDir: path.join(options.dataDir, 'content', 'live'), pollMs: options.pollMs, onPollError: options.onPollError });
  const check = createContentChecker({ dialogsDir: options.dialogsDir, ...(options.compiled ? { store: options.compiled } : {}) });
  const publishing: Publishing = {
    repository,
    source,
    check,
    service: createContentService({
      repository,
      check,
      ...(options.audit ? { audit: options.audit } : {}),
      ...(options.compareDecisions ? { compareDecisions: options.compareDecisions } : {}),
      onPublished: async (version) => publishing.onPublished?.(version),
    }),
    async followImage() {
      if (folder) return undefined;
      return followImage(repository, await readContentFolder(options.knowledgeDir), check);
    },
  };
  return publishing;
}
