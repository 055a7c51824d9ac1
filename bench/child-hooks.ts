/**
 * Preloaded into each bot process the HTTP benchmark starts (node --import): on the
 * parent's "measure" message it runs a full garbage collection (twice: the first frees,
 * the second returns the emptied pages) and answers with its RSS, so memory is compared
 * after the same clean-up in every process. Needs --expose-gc.
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
  process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
});
