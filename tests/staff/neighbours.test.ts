/**
 * Confusable neighbours (issue 21): each entry's alternates, held out and asked of a bot
 * trained without them, name the other entries students may get. A small knowledge base
 * (tests/fixtures/kb-check/neighbours) with two entries asked in the same words on purpose
 * and two that share no words: the first two are each other's neighbours in kb:check and
 * in the staff console's API, the other two have none. The bot works them out in a worker
 * thread, stored under the knowledge hash where kb:check finds them (and the other way
 * round); a worker that dies leaves them unavailable while the bot answers on.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { staffTranslator } from '../../src/core/knowledge/checks';
import { readKnowledgeFiles, type SourceFile } from '../../src/core/knowledge/loader';
import { NeighbourCache, neighboursFrom, neighboursHere, type NeighbourMap, type NeighbourWork } from '../../src/core/knowledge/neighbours';
import { neighboursInWorker } from '../../src/core/knowledge/neighbours-off-thread';
import { DiskArtefactStore, NO_ARTEFACTS } from '../../src/core/storage/artefacts';
import { runCli } from '../helpers/cli';
import { conversation, ROOT, startTestServer, type TestServer } from '../integration/harness';

jest.setTimeout(240_000);

const FIXTURE = 'tests/fixtures/kb-check/neighbours';
const CONFUSABLE = ['pn.tuition', 'pn.fees'];
const DISTINCT = ['pn.location', 'pn.contact'];

/** A worker given this little heap dies of it (a V8 out-of-memory abort): a real worker failing. */
const TOO_LITTLE_MEMORY = 2;

let work: string;
let files: SourceFile[];
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'pn-neighbours-'));
  files = await readKnowledgeFiles(path.join(ROOT, FIXTURE));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('neighboursFrom', () => {
  const decision = (phrasing: string, expect: string | null, shown: string[]) => ({ phrasing, expect, shown });

  it('counts a phrasing once for each other entry answered, or offered ahead of its own, from two phrasings on', () => {
    const map = neighboursFrom([
      // As written, then after a story: one phrasing, counted once for b.
      decision('a1', 'a', ['b']),
      decision('a1', 'a', ['b', 'a']),
      // Offered after its own entry: not a confusion.
      decision('a2', 'a', ['a', 'c']),
      decision('a2', 'a', ['a']),
      // Offered without its own entry, and the fallback.
      decision('a3', 'a', ['c', 'b']),
      decision('a3', 'a', []),
      decision('a4', 'a', ['c', 'a']),
      // d took one phrasing only: not listed.
      decision('a5', 'a', ['d']),
      // Off-topic examples are nobody's phrasings.
      decision('weather', null, ['a']),
      decision('b1', 'b', ['b']),
      decision('b2', 'b', ['a']),
    ]);
    expect(map).toEqual({ a: [{ id: 'b', phrasings: 2, of: 5 }, { id: 'c', phrasings: 2, of: 5 }] });
  });
});

describe('NeighbourCache', () => {
  let here: NeighbourMap;

  it('works them out once per knowledge hash, and stops when the bot shuts down', async () => {
    const cache = new NeighbourCache(NO_ARTEFACTS, neighboursHere);
    expect(await cache.status('v1', files)).toEqual({ status: 'computing' });
    here = await cache.get('v1', files);
    expect(await cache.status('v1', files)).toEqual({ status: 'ready', neighbours: here });
    expect(here['pn.tuition']?.map((neighbour) => neighbour.id)).toContain('pn.fees');
    expect(cache.counts).toEqual({ crossValidated: 1, read: 0, failed: 0 });
    const next = cache.get('v2', files);
    cache.close();
    await expect(next).rejects.toThrow();
  });

  it('works them out in a worker process as in this thread; a worker that dies or is stopped rejects', async () => {
    expect(await neighboursInWorker(files)).toEqual(here);
    await expect(neighboursInWorker(files, { maxOldSpaceMb: TOO_LITTLE_MEMORY })).rejects.toThrow(/without a result/);
    const stop = new AbortController();
    const stopped = neighboursInWorker(files, { signal: stop.signal });
    stop.abort();
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a version whose work failed is unavailable and not tried again; the next version is', async () => {
    const work: NeighbourWork = (sources, signal) => neighboursInWorker(sources, { signal, maxOldSpaceMb: TOO_LITTLE_MEMORY });
    const errors: unknown[] = [];
    const cache = new NeighbourCache(NO_ARTEFACTS, work, (error) => errors.push(error));
    await expect(cache.get('v1', files)).rejects.toThrow();
    expect(await cache.status('v1', files)).toEqual({ status: 'unavailable' });
    expect(await cache.status('v1', files)).toEqual({ status: 'unavailable' });
    expect(cache.counts).toEqual({ crossValidated: 1, read: 0, failed: 1 });
    expect(await cache.status('v2', files)).toEqual({ status: 'computing' });
    cache.close();
  });
});

const TOKEN = 'neighbours-test-token-0123456789-abcdef';

/** A bot on a copy of the small knowledge base (no guided flows: the real ones offer entries it does not have). */
async function startFixtureBot(name: string, overrides: Parameters<typeof startTestServer>[1]): Promise<TestServer> {
  const knowledge = path.join(work, name, 'knowledge');
  cpSync(path.join(ROOT, FIXTURE), knowledge, { recursive: true });
  const dialogs = path.join(work, name, 'dialogs');
  mkdirSync(dialogs);
  return startTestServer({ KNOWLEDGE_DIR: knowledge, DIALOGS_DIR: dialogs, STAFF_TOKEN: TOKEN, DATA_DIR: path.join(work, name, 'data') }, overrides);
}

async function neighboursOf(server: TestServer, id: string, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) {
  const response = await fetch(`${server.url}/staff/api/entries/${encodeURIComponent(id)}/neighbours`, { headers });
  return { status: response.status, body: (await response.json()) as { status?: string; error?: string; neighbours?: { id: string; question: { vi: string; en: string }; phrasings: number; of: number }[] } };
}

/** Asks until they are worked out (in the background, once for this knowledge version). */
async function readyNeighbours(server: TestServer, id: string) {
  for (;;) {
    const answer = await neighboursOf(server, id);
    if (answer.status !== 202) return answer;
    expect(answer.body.status).toBe('computing');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** bot_neighbours_total by outcome, from the bot's /metrics. */
async function neighbourCounts(server: TestServer): Promise<Record<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Object.fromEntries([...text.matchAll(/^bot_neighbours_total\{outcome="(\w+)"\} (\d+)$/gm)].map((match) => [match[1], Number(match[2])]));
}

/** The stored neighbours in a compiled-content folder: name, bytes and when written. */
function storedNeighbours(dir: string) {
  return readdirSync(dir)
    .filter((name) => name.startsWith('neighbours-'))
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8'), written: statSync(path.join(dir, name)).mtimeMs }));
}

describe('npm run kb:check', () => {
  // Located through the catalogue the CLI prints from (locales/kbcheck), not copied wording.
  const en = staffTranslator('en');
  const vi = staffTranslator('vi');

  /** The lines of the neighbours section: from its heading to the blank line after it. */
  function neighbourLines(stdout: string, heading: string): string[] {
    const lines = stdout.split('\n');
    const start = lines.indexOf(heading);
    expect(start).toBeGreaterThan(-1);
    const end = lines.indexOf('', start);
    return lines.slice(start + 1, end);
  }

  /** The words before the other entries in "<id> may get: <others>", in the catalogue's language. */
  const mayGet = (t: typeof en, id: string) => t('check.neighbours', { id, others: '\u0000' }).split('\u0000')[0];
  const lineOf = (lines: string[], t: typeof en, id: string) => lines.find((line) => line.includes(mayGet(t, id)));
  /** Whether a line names `id` as a neighbour, with any count of its phrasings out of 1-20. */
  const namesNeighbour = (line: string | undefined, t: typeof en, id: string, total?: number) =>
    Array.from({ length: 20 }, (_, of) => of + 1).some((of) => (total === undefined || of === total) && Array.from({ length: of }, (_, count) => count + 1).some((count) => line?.includes(t('check.neighbour', { id, count, total: of }))));
  const entryIdOf = (lines: string[], t: typeof en) => lines.map((line) => CONFUSABLE.concat(DISTINCT).find((id) => line.includes(mayGet(t, id))));

  it('lists each confusable entry with the other, and neither distinct entry; kept by the content hash', async () => {
    const cache = path.join(work, 'cache');
    const env = { KNOWLEDGE_DIR: FIXTURE, DIALOGS_DIR: `${FIXTURE}/no-dialogs`, CONTENT_CACHE_DIR: cache };
    const run = await runCli('kb-check', ['--lang', 'en'], env);
    expect(run.code).toBe(0);
    const lines = neighbourLines(run.stdout, en('check.neighboursHeading'));
    expect(lineOf(lines, en, 'pn.tuition')).toMatch(/^tests\/fixtures\/kb-check\/neighbours\/pn\.yaml:\d+ /);
    expect(namesNeighbour(lineOf(lines, en, 'pn.tuition'), en, 'pn.fees', 8)).toBe(true);
    expect(namesNeighbour(lineOf(lines, en, 'pn.fees'), en, 'pn.tuition')).toBe(true);
    for (const id of DISTINCT) expect(lineOf(lines, en, id)).toBeUndefined();
    expect(entryIdOf(lines, en).sort()).toEqual([...CONFUSABLE].sort());
    expect(readdirSync(cache).filter((name) => name.startsWith('neighbours-'))).toHaveLength(1);

    // The second run reads them from the cache: the same entries, in Vietnamese.
    const again = await runCli('kb-check', ['--lang', 'vi'], env);
    const viLines = neighbourLines(again.stdout, vi('check.neighboursHeading'));
    expect(entryIdOf(viLines, vi)).toEqual(entryIdOf(lines, en));
    expect(namesNeighbour(lineOf(viLines, vi, 'pn.fees'), vi, 'pn.tuition')).toBe(true);
  });

  it("kb:check's stored run serves the console: the bot reads them, ready at the first ask, and cross-validates nothing", async () => {
    const cache = path.join(work, 'cache');
    const before = storedNeighbours(cache);
    expect(before).toHaveLength(1);
    const bot = await startFixtureBot('after-kb-check', { compiledContent: new DiskArtefactStore(cache) });
    try {
      const first = await neighboursOf(bot, 'pn.tuition');
      expect(first.status).toBe(200);
      expect(first.body.neighbours?.map((neighbour) => neighbour.id)).toContain('pn.fees');
      expect(await neighbourCounts(bot)).toEqual({ cross_validated: 0, read: 1, failed: 0 });
      expect(storedNeighbours(cache)).toEqual(before);
    } finally {
      await bot.close();
    }
  });

  it('skips them with --no-neighbours: neither the section nor its "none" line is printed', async () => {
    const env = { KNOWLEDGE_DIR: FIXTURE, DIALOGS_DIR: `${FIXTURE}/no-dialogs`, CONTENT_CACHE_DIR: 'off' };
    const run = await runCli('kb-check', ['--lang', 'en', '--no-neighbours'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(en('check.neighboursHeading'));
    expect(run.stdout).not.toContain(en('check.noNeighbours'));
    for (const id of CONFUSABLE) expect(run.stdout).not.toContain(mayGet(en, id));
  });
});

describe('the staff console', () => {
  let server: TestServer;
  const compiled = () => path.join(work, 'compiled');

  beforeAll(async () => {
    server = await startFixtureBot('console', { compiledContent: new DiskArtefactStore(compiled()) });
  });
  afterAll(async () => server?.close());

  it('shows each confusable entry as the other\'s neighbour, with its question and counts, and none for the distinct pair', async () => {
    const first = await neighboursOf(server, 'pn.tuition');
    expect(first.status).toBe(202);
    const tuition = await readyNeighbours(server, 'pn.tuition');
    expect(tuition.status).toBe(200);
    const fees = tuition.body.neighbours?.find((neighbour) => neighbour.id === 'pn.fees');
    expect(fees).toMatchObject({ question: { en: 'What does it cost to study at PN?' }, of: 8 });
    expect(fees?.phrasings).toBeGreaterThan(0);
    const [one, other] = CONFUSABLE;
    expect((await readyNeighbours(server, other)).body.neighbours?.map((neighbour) => neighbour.id)).toContain(one);
    for (const id of DISTINCT) {
      const distinct = await readyNeighbours(server, id);
      expect(distinct.body).toMatchObject({ status: 'ready', neighbours: [] });
    }
    // Worked out once (in the worker), kept by the knowledge hash for the next process.
    expect(storedNeighbours(compiled())).toHaveLength(1);
    expect(await neighbourCounts(server)).toEqual({ cross_validated: 1, read: 0, failed: 0 });
  });

  it("the console's stored run serves kb:check: it prints them without working them out again", async () => {
    const before = storedNeighbours(compiled());
    expect(before).toHaveLength(1);
    const run = await runCli('kb-check', ['--lang', 'en'], { KNOWLEDGE_DIR: FIXTURE, DIALOGS_DIR: `${FIXTURE}/no-dialogs`, CONTENT_CACHE_DIR: compiled() });
    expect(run.code).toBe(0);
    // The line kb:check prints for pn.tuition names what the console worked out.
    const stored = (JSON.parse(before[0].text) as { neighbours: NeighbourMap }).neighbours['pn.tuition'];
    const en = staffTranslator('en');
    const others = stored.map((neighbour) => en('check.neighbour', { id: neighbour.id, count: neighbour.phrasings, total: neighbour.of })).join(', ');
    expect(run.stdout).toContain(en('check.neighbours', { id: 'pn.tuition', others }));
    // Not written again: read.
    expect(storedNeighbours(compiled())).toEqual(before);
  });

  it('refuses without credentials and answers 404 for an unknown entry', async () => {
    expect((await neighboursOf(server, 'pn.tuition', {})).status).toBe(401);
    expect((await neighboursOf(server, 'pn.nowhere')).status).toBe(404);
  });

  it('a worker that dies: logged, the console is told they are unavailable, the bot answers students on', async () => {
    const dying: NeighbourWork = (sources, signal) => neighboursInWorker(sources, { signal, maxOldSpaceMb: TOO_LITTLE_MEMORY });
    const bot = await startFixtureBot('dying-worker', { compiledContent: new DiskArtefactStore(path.join(work, 'dying-compiled')), neighbourWork: dying });
    try {
      const answer = await readyNeighbours(bot, 'pn.tuition');
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ status: 'unavailable', error: 'neighbours_unavailable' });
      expect(await neighbourCounts(bot)).toEqual({ cross_validated: 1, read: 0, failed: 1 });
      const replies = (await bot.post(conversation({ locale: 'en-US' }).message('What does it cost to study at PN?'))).activities;
      expect(replies.length).toBeGreaterThan(0);
    } finally {
      await bot.close();
    }
  });
});
