/**
 * A periodic read that started before this instance stored an update must not bring the old
 * value back (the console's "switch an answer back on" was still off for the next message).
 * The store is the real in-memory one; only its first read is held back to order the race.
 */
import { z } from 'zod';
import { MemoryStateStore } from '../../../src/core/state/memory';
import { SharedSetting } from '../../../src/core/staff/shared-settings';

test('a stale periodic read does not undo an update made meanwhile', async () => {
  const store = new MemoryStateStore();
  await store.write('switch', { off: ['pn.eligibility'] }, null);
  const setting = new SharedSetting({ store, key: 'switch', schema: z.object({ off: z.array(z.string()) }), initial: { off: [] }, refreshMs: 0 });
  await setting.refresh();

  // The periodic read gets the old value but answers only after the update is stored.
  const realRead = store.read.bind(store);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const readSpy = jest.spyOn(store, 'read').mockImplementationOnce(async (keys) => {
    const old = await realRead(keys);
    await held;
    return old;
  });
  const staleRead = setting.refresh();
  await setting.update(() => ({ off: [] }));
  release();
  await staleRead;
  readSpy.mockRestore();

  expect(setting.current.off).toEqual([]);
  expect(((await store.read(['switch'])).get('switch')?.value as { off: string[] }).off).toEqual([]);
});
