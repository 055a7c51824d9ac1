/**
 * Confusable neighbours: for each entry, the other entries its own phrasings get when
 * each is held out and asked of a matcher trained without it (cross-validate.ts). What
 * staff see beside an entry ("Students who ask this may get: …") and kb:check prints.
 * Cross-validation trains five matchers, so it runs once per content version, in slices
 * (the bot keeps answering), and is kept in the artefact store by the content's hash.
 */
import type { ArtefactStore } from '../storage/artefacts';
import { crossValidate, type HeldOutDecision } from './cross-validate';
import type { LoadedKnowledge } from './loader';

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

/** Cross-validates the knowledge base (five trainings, in slices) and reads its neighbours. */
export async function findNeighbours(content: LoadedKnowledge, signal?: AbortSignal): Promise<NeighbourMap> {
  return neighboursFrom(await crossValidate(content, undefined, undefined, signal));
}

/** Raised by hand when what is stored changes shape; the hash covers the content and the matching code. */
const NEIGHBOURS_FORMAT = 1;

/**
 * The neighbours of each content version, worked out once: from memory, else from the
 * store (another process or an earlier run worked them out), else computed and stored.
 */
export class NeighbourCache {
  private readonly known = new Map<string, Promise<NeighbourMap>>();
  private readonly done = new Map<string, NeighbourMap>();
  /** Stops work under way when the bot shuts down (between two trainings: a few seconds at most). */
  private readonly stopping = new AbortController();

  constructor(
    private readonly store: ArtefactStore,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The neighbours of this version, computing them when nobody has. */
  get(hash: string, content: LoadedKnowledge): Promise<NeighbourMap> {
    let found = this.known.get(hash);
    if (!found) {
      found = this.readOrCompute(hash, content);
      this.known.set(hash, found);
      // Only the current version and the one before are kept, as compiled knowledge is.
      while (this.known.size > 2) {
        const oldest = this.known.keys().next().value as string;
        this.known.delete(oldest);
        this.done.delete(oldest);
      }
      found.then(
        (map) => this.known.get(hash) === found && this.done.set(hash, map),
        () => this.known.get(hash) === found && this.known.delete(hash),
      );
    }
    return found;
  }

  /** Stops the work under way; nothing is worked out after this. */
  close(): void {
    this.stopping.abort();
  }

  /** The neighbours when already worked out; otherwise undefined, and they are being worked out (started here if not yet). */
  peek(hash: string, content: LoadedKnowledge): NeighbourMap | undefined {
    const ready = this.done.get(hash);
    if (ready) return ready;
    this.get(hash, content).catch((error: unknown) => this.stopping.signal.aborted || this.onError(error));
    return undefined;
  }

  private async readOrCompute(hash: string, content: LoadedKnowledge): Promise<NeighbourMap> {
    this.stopping.signal.throwIfAborted();
    const name = `neighbours-${hash}`;
    const text = await this.store.read(name).catch((error: unknown) => (this.onError(error), undefined));
    if (text !== undefined) {
      try {
        const stored = JSON.parse(text) as { format?: number; hash?: string; neighbours?: NeighbourMap };
        if (stored.format === NEIGHBOURS_FORMAT && stored.hash === hash && stored.neighbours) return stored.neighbours;
      } catch {
        // Not ours or cut short: worked out again below.
      }
    }
    const neighbours = await findNeighbours(content, this.stopping.signal);
    await this.store.write(name, JSON.stringify({ format: NEIGHBOURS_FORMAT, hash, neighbours })).catch((error: unknown) => this.onError(error));
    return neighbours;
  }
}
