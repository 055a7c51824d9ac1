/**
 * Preloaded into each bot process the HTTP benchmark starts (node --import): on the
 * parent's "measure" message it runs a full garbage collection (twice: the first frees,
 * the second returns the emptied pages) and answers with its RSS, so memory is compared
 * after the same clean-up in every process (with the JS heap in use, which RSS blurs:
 * freed pages are not always given back). Needs --expose-gc.
 */
interface MeasureRequest {
  type: 'measure';
  gc: boolean;
}

process.on('message', (message: MeasureRequest) => {
  if (message?.type !== 'measure') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (message.gc && gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  process.send?.({ type: 'rss', rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external });
});
