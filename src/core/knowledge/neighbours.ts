/**
 * Confusable neighbours: for each entry, the other entries its own phrasings get when
 * each is held out and asked of a matcher trained without it (cross-validate.ts). What
 * staff see beside an entry ("Students who ask this may get: …") and kb:check prints.
 * Cross-validation trains five matchers, so it runs once per knowledge version, in a bot
 * off its event loop (neighbours-off-thread.ts), and is kept in the artefact store under
 * the knowledge hash, where kb:check and every instance find it.
 */
import type { ArtefactStore } from '../storage/artefacts';
import { crossValidate, type HeldOutDecision } from './cross-validate';
import { buildKnowledge, type LoadedKnowledge, type SourceFile } from './loader';

export interface Neighbour {
  /** The other entry students may get. */
  id: string;
  /** How many of this entry's held-out phrasings got it (answered, or offered ahead of this entry). */
  phrasings: number;
  /** How many of this entry's phrasings were held out (its alternates; the main questions always train). */
  of: number;
}

/** Entry id -> its neighbours, most phrasings first; an entry no phrasing of which went elsewhere has none. */
export type NeighbourMap = Readonly<Record<string, readonly Neighbour[]>>;

/**
 * A neighbour takes at least this many of an entry's phrasings: one alone is as often the
 * story sentence put before it as a real confusion (on the real knowledge base, about half
 * of all neighbours took a single phrasing of 30-45).
 */
export const MIN_NEIGHBOUR_PHRASINGS = 2;

/**
 * Who each entry's phrasings went to. A phrasing counts for another entry when, as written
 * or after a story sentence, the bot would answer that entry or offer it ahead of the
 * phrasing's own entry (or without it). Off-topic examples are not entries' phrasings.
 */
export function neighboursFrom(decisions: readonly Pick<HeldOutDecision, 'phrasing' | 'expect' | 'shown'>[]): NeighbourMap {
  const phrasingsOf = new Map<string, Map<string, Set<string>>>();
  for (const decision of decisions) {
    if (decision.expect === null) continue;
    const phrasings = phrasingsOf.get(decision.expect) ?? new Map<string, Set<string>>();
    phrasingsOf.set(decision.expect, phrasings);
    const others = phrasings.get(decision.phrasing) ?? new Set<string>();
    phrasings.set(decision.phrasing, others);
    const own = decision.shown.indexOf(decision.expect);
    for (const id of own === -1 ? decision.shown : decision.shown.slice(0, own)) others.add(id);
  }
  const map: Record<string, Neighbour[]> = {};
  for (const [entryId, phrasings] of phrasingsOf) {
    const counts = new Map<string, number>();
    for (const others of phrasings.values()) for (const id of others) counts.set(id, (counts.get(id) ?? 0) + 1);
    const neighbours = [...counts].filter(([, count]) => count >= MIN_NEIGHBOUR_PHRASINGS).map(([id, count]) => ({ id, phrasings: count, of: phrasings.size }));
    if (neighbours.length > 0) map[entryId] = neighbours.sort((a, b) => b.phrasings - a.phrasings || (a.id < b.id ? -1 : 1));
  }
  return map;
}

/** Cross-validates the knowledge base (five trainings) and reads its neighbours. */
export async function findNeighbours(content: LoadedKnowledge, signal?: AbortSignal): Promise<NeighbourMap> {
  return neighboursFrom(await crossValidate(content, CROSS_VALIDATION.folds, CROSS_VALIDATION.seed, signal));
}

/** The neighbours of these files worked out in this thread: for a command (kb:check), where no student waits. */
export function neighboursHere(files: readonly SourceFile[], signal?: AbortSignal): Promise<NeighbourMap> {
  return findNeighbours(buildKnowledge([...files]), signal);
}

/** How the neighbours are cross-validated: part of what identifies them. */
const CROSS_VALIDATION = { folds: 5, seed: 11 };

/** Raised by hand when what is stored changes shape. */
const NEIGHBOURS_FORMAT = 2;

/**
 * The name the neighbours of a knowledge base are stored under, by kb:check and every bot
 * alike. The knowledge hash (compiled.ts) covers what cross-validation reads: the YAML
 * files with the lexicon, entities and thresholds, the matcher's options and seed, and the
 * matching code (cross-validation's included, with its folds and seed).
 */
export function neighboursArtefact(knowledgeHash: string): string {
  return `neighbours-${knowledgeHash}`;
}

/** What the console shows: the neighbours, or that they are being worked out, or that they could not be. */
export type NeighbourStatus = { status: 'ready'; neighbours: NeighbourMap } | { status: 'computing' } | { status: 'unavailable' };

/** How neighbours are worked out when nobody has: in a worker process (a bot) or here (kb:check). */
export type NeighbourWork = (files: readonly SourceFile[], signal: AbortSignal) => Promise<NeighbourMap>;

/** What this cache did, for metrics and tests: a second reader of the same content reads, never cross-validates. */
export interface NeighbourCounts {
  /** Cross-validations this process ran. */
  crossValidated: number;
  /** Neighbours read from the store (worked out by another process, or earlier). */
  read: number;
  /** Cross-validations that failed (the worker failed or died). */
  failed: number;
}

/**
 * The neighbours of each knowledge version, worked out once: from memory, else from the
 * store (kb:check, another instance or an earlier run worked them out), else worked out
 * and stored. Versions are named by their knowledge hash (compiled.ts), as kb:check names them.
 */
export class NeighbourCache {
  private readonly known = new Map<string, Promise<NeighbourMap>>();
  private readonly done = new Map<string, NeighbourMap>();
  /** Versions whose neighbours could not be worked out: not tried again (a new version is). */
  private readonly failed = new Set<string>();
  /** Stops work under way when the bot shuts down (the worker is ended at once). */
  private readonly stopping = new AbortController();
  readonly counts: NeighbourCounts = { crossValidated: 0, read: 0, failed: 0 };

  constructor(
    private readonly store: ArtefactStore,
    private readonly work: NeighbourWork,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The neighbours of this version, working them out when nobody has. */
  get(hash: string, files: readonly SourceFile[]): Promise<NeighbourMap> {
    let found = this.known.get(hash);
    if (!found) {
      found = this.readOrCompute(hash, files);
      this.remember(hash, found);
      this.failed.delete(hash);
      found.then(
        (map) => this.known.get(hash) === found && this.done.set(hash, map),
        () => {
          if (this.known.get(hash) !== found) return;
          this.known.delete(hash);
          if (!this.stopping.signal.aborted) this.failed.add(hash);
        },
      );
    }
    return found;
  }

  /** Stops the work under way; nothing is worked out after this. */
  close(): void {
    this.stopping.abort();
  }

  /**
   * Where this version's neighbours are, without waiting for cross-validation: ready (from
   * memory, or read from the store now), else being worked out (started here if not yet),
   * or unavailable when working them out failed for this version.
   */
  async status(hash: string, files: readonly SourceFile[]): Promise<NeighbourStatus> {
    const ready = this.done.get(hash);
    if (ready) return { status: 'ready', neighbours: ready };
    if (this.failed.has(hash)) return { status: 'unavailable' };
    const running = this.known.get(hash);
    if (running) return { status: 'computing' };
    const stored = await this.stored(hash);
    if (stored && !this.known.has(hash)) {
      this.remember(hash, Promise.resolve(stored));
      this.done.set(hash, stored);
      return { status: 'ready', neighbours: stored };
    }
    this.get(hash, files).catch((error: unknown) => this.stopping.signal.aborted || this.onError(error));
    return { status: 'computing' };
  }

  /** Only the current version and the one before are kept, as compiled knowledge is. */
  private remember(hash: string, found: Promise<NeighbourMap>): void {
    this.known.set(hash, found);
    while (this.known.size > 2) {
      const oldest = this.known.keys().next().value as string;
      this.known.delete(oldest);
      this.done.delete(oldest);
    }
  }

  private async readOrCompute(hash: string, files: readonly SourceFile[]): Promise<NeighbourMap> {
    this.stopping.signal.throwIfAborted();
    const stored = await this.stored(hash);
    if (stored) return stored;
    this.counts.crossValidated += 1;
    let neighbours: NeighbourMap;
    try {
      neighbours = await this.work(files, this.stopping.signal);
    } catch (error) {
      if (!this.stopping.signal.aborted) this.counts.failed += 1;
      throw error;
    }
    await this.store.write(neighboursArtefact(hash), JSON.stringify({ format: NEIGHBOURS_FORMAT, hash, neighbours })).catch((error: unknown) => this.onError(error));
    return neighbours;
  }

  /** The stored neighbours of this version when they are this version's; else undefined (worked out again). */
  private async stored(hash: string): Promise<NeighbourMap | undefined> {
    const text = await this.store.read(neighboursArtefact(hash)).catch((error: unknown) => (this.onError(error), undefined));
    if (text === undefined) return undefined;
    try {
      const stored = JSON.parse(text) as { format?: number; hash?: string; neighbours?: NeighbourMap };
      if (stored.format === NEIGHBOURS_FORMAT && stored.hash === hash && stored.neighbours) {
        this.counts.read += 1;
        return stored.neighbours;
      }
    } catch {
      // Not ours or cut short: worked out again.
    }
    return undefined;
  }
}
