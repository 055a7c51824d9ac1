/**
 * Long work written as a generator that yields between slices: run it to the end at once
 * (CLIs, tests) or give the event loop a turn after every slice (a running bot reloading).
 */
export function runToEnd<T>(work: Generator<void, T, void>): T {
  let step = work.next();
  while (!step.done) step = work.next();
  return step.value;
}

export async function runInSlices<T>(work: Generator<void, T, void>): Promise<T> {
  let step = work.next();
  while (!step.done) {
    await nextTurn();
    step = work.next();
  }
  return step.value;
}

export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
