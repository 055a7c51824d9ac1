import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LiveContent, type ContentStatus } from '../../../src/core/content/live-content';

/** Content for the test: the number written in value.txt; anything else is a bad edit. */
async function readNumber(dir: string): Promise<number> {
  const value = Number(await readFile(path.join(dir, 'value.txt'), 'utf8'));
  if (!Number.isFinite(value)) throw new Error(`value.txt:1:1: not a number`);
  return value;
}

function nextReload(events: ContentStatus[]): Promise<ContentStatus> {
  const seen = events.length;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (events.length > seen) {
        clearInterval(poll);
        resolve(events[events.length - 1]);
      } else if (Date.now() - started > 10000) {
        clearInterval(poll);
        reject(new Error('no reload within 10 s'));
      }
    }, 20);
  });
}

describe('LiveContent', () => {
  let dir: string;
  let content: LiveContent<number>;
  const events: ContentStatus[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'live-content-'));
    await writeFile(path.join(dir, 'value.txt'), '1');
    events.length = 0;
    content = new LiveContent({
      load: () => readNumber(dir),
      watch: [dir],
      debounceMs: 50,
      onReload: (status) => events.push(status),
      onError: (_error, status) => events.push(status),
    });
  });

  afterEach(async () => {
    await content.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to start on bad content', async () => {
    await writeFile(path.join(dir, 'value.txt'), 'oops');
    await expect(content.init()).rejects.toThrow('value.txt:1:1: not a number');
  });

  it('picks up an edit, keeps the last good version on a bad edit, and recovers', async () => {
    expect(await content.init()).toBe(1);
    await content.startWatching();

    let reloaded = nextReload(events);
    await writeFile(path.join(dir, 'value.txt'), '2');
    expect(await reloaded).toMatchObject({ stale: false, version: 2 });
    expect(content.current).toBe(2);

    reloaded = nextReload(events);
    await writeFile(path.join(dir, 'value.txt'), 'broken');
    expect(await reloaded).toMatchObject({ stale: true, version: 2, error: 'value.txt:1:1: not a number' });
    expect(content.current).toBe(2);

    reloaded = nextReload(events);
    await writeFile(path.join(dir, 'value.txt'), '3');
    expect(await reloaded).toMatchObject({ stale: false, version: 3 });
    expect(content.current).toBe(3);
    expect(content.status.error).toBeUndefined();
  });

  it('reloads on demand; calls during a load share one load that starts after it, so they see the files as they are now', async () => {
    const loads: Array<(value: number) => void> = [];
    const live = new LiveContent<number>({ load: () => new Promise((resolve) => loads.push(resolve)), watch: [] });
    const init = live.init();
    loads.shift()?.(1);
    await init;

    const first = live.reload();
    const second = live.reload();
    const third = live.reload();
    expect(third).toBe(second);
    expect(loads).toHaveLength(1);
    loads.shift()?.(2);
    expect(await first).toMatchObject({ stale: false, version: 2 });

    // The queued load starts only now, after the first finished: it reads the newest files.
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toHaveLength(1);
    loads.shift()?.(3);
    expect(await second).toMatchObject({ stale: false, version: 3 });
    expect(live.current).toBe(3);
  });
});
