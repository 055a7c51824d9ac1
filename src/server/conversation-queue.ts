/**
 * Turns of one conversation run one after another. Bot state is saved with eTag "*"
 * (last writer wins), so two messages of one conversation processed at once (a double
 * tap, a fast typist) would each read the same state and one would silently lose the
 * other's update: a flow answer forgotten. Different conversations still run in parallel.
 * This covers one instance; several instances behind Azure Bot Service would need the
 * storage's eTags (see README, scale-out).
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
