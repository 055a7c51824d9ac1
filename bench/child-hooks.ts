/**
 * Preloaded into each bot process the benchmarks start (node --require): on the parent's
 * "measure" message it runs a full garbage collection (twice: the first frees, the second
 * returns the emptied pages), lets the freed pages go back to the system, and answers
 * with its RSS, so memory is compared after the same clean-up in every process (with the
 * JS heap in use, which RSS blurs: freed pages are not always given back). Needs --expose-gc.
 */
interface MeasureRequest {
  type: 'measure';
  gc: boolean;
}

/**
 * How long to wait after the collection before reading RSS: V8 gives freed pages back to
 * the system on a background thread, so RSS read at once still counts pages already
 * freed. Read at once, the same process showed 266 MB while /proc/<pid>/smaps, read a
 * moment later, added up to 172 MB.
 */
const SETTLE_MS = 1000;

process.on('message', (message: MeasureRequest) => {
  if (message?.type !== 'measure') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  const collected = message.gc && gc !== undefined;
  if (collected) {
    gc();
    gc();
  }
  setTimeout(
    () => {
      const usage = process.memoryUsage();
      process.send?.({ type: 'rss', rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external });
    },
    collected ? SETTLE_MS : 0,
  );
});
