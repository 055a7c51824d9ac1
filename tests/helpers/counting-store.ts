/** An artefact store that counts what it is asked, so a test tells an opened bundle from a compiled one. */
import type { ArtefactStore } from '../../src/core/storage/artefacts';

export class CountingStore implements ArtefactStore {
  reads: string[] = [];
  writes: string[] = [];
  constructor(private readonly inner: ArtefactStore) {}
  read(name: string) {
    this.reads.push(name);
    return this.inner.read(name);
  }
  write(name: string, text: string) {
    this.writes.push(name);
    return this.inner.write(name, text);
  }
}
