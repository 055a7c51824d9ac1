/** Versioned conversation and user state: memory locally, Blob storage shared by every instance. */
export * from './types';
export { MemoryStateStore, DEFAULT_MEMORY_STATE, type MemoryStateOptions } from './memory';
export { BlobStateStore } from './blob';
export { createStateStore, type StateSetting } from './create';
