/**
 * Turns of one conversation run one after another in this process. State writes are
 * conditional (src/core/engine/run-turn.ts re-runs a turn that lost the race), so this
 * is not what keeps updates from being lost; it keeps a double tap or a fast typist
 * from making turns race at all on one instance, which would cost re-runs. Different
 * conversations still run in parallel.
 */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (!key) return work();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget idle conversations so the map does not grow with every user ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.tails.size;
  }
}
