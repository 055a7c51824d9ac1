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

  it('reloads on demand and never runs two loads at once', async () => {
    await content.init();
    await writeFile(path.join(dir, 'value.txt'), '5');
    const [first, second] = await Promise.all([content.reload(), content.reload()]);
    expect(first.version).toBe(2);
    expect(second.version).toBe(2);
    expect(content.current).toBe(5);
  });
});
