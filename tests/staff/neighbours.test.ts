/**
 * Confusable neighbours (issue 21): each entry's alternates, held out and asked of a bot
 * trained without them, name the other entries students may get. A small knowledge base
 * (tests/fixtures/kb-check/neighbours) with two entries asked in the same words on purpose
 * and two that share no words: the first two are each other's neighbours in kb:check and
 * in the staff console's API, the other two have none.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { staffTranslator } from '../../src/core/knowledge/checks';
import { loadKnowledge } from '../../src/core/knowledge/loader';
import { NeighbourCache, neighboursFrom } from '../../src/core/knowledge/neighbours';
import { DiskArtefactStore, NO_ARTEFACTS } from '../../src/core/storage/artefacts';
import { runCli } from '../helpers/cli';
import { ROOT, startTestServer, type TestServer } from '../integration/harness';

jest.setTimeout(240_000);

const FIXTURE = 'tests/fixtures/kb-check/neighbours';
const CONFUSABLE = ['pn.tuition', 'pn.fees'];
const DISTINCT = ['pn.location', 'pn.contact'];

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pn-neighbours-'));
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
  it('works them out once per content hash, and stops when the bot shuts down', async () => {
    const content = await loadKnowledge(path.join(ROOT, FIXTURE));
    const cache = new NeighbourCache(NO_ARTEFACTS);
    expect(cache.peek('v1', content)).toBeUndefined();
    const map = await cache.get('v1', content);
    expect(cache.peek('v1', content)).toBe(map);
    expect(map['pn.tuition']?.map((neighbour) => neighbour.id)).toContain('pn.fees');
    const next = cache.get('v2', content);
    cache.close();
    await expect(next).rejects.toThrow();
  });
});

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
  const TOKEN = 'neighbours-test-token-0123456789-abcdef';
  let server: TestServer;

  beforeAll(async () => {
    const knowledge = path.join(work, 'knowledge');
    cpSync(path.join(ROOT, FIXTURE), knowledge, { recursive: true });
    // No guided flows: the real ones offer entries this small knowledge base does not have.
    const dialogs = path.join(work, 'dialogs');
    mkdirSync(dialogs);
    server = await startTestServer(
      { KNOWLEDGE_DIR: knowledge, DIALOGS_DIR: dialogs, STAFF_TOKEN: TOKEN, DATA_DIR: path.join(work, 'data') },
      { compiledContent: new DiskArtefactStore(path.join(work, 'compiled')) },
    );
  });
  afterAll(async () => server?.close());

  async function neighboursOf(id: string, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) {
    const response = await fetch(`${server.url}/staff/api/entries/${encodeURIComponent(id)}/neighbours`, { headers });
    return { status: response.status, body: (await response.json()) as { status?: string; neighbours?: { id: string; question: { vi: string; en: string }; phrasings: number; of: number }[] } };
  }

  /** Asks until they are worked out (in the background, once for this content version). */
  async function readyNeighbours(id: string) {
    for (;;) {
      const answer = await neighboursOf(id);
      if (answer.status !== 202) return answer;
      expect(answer.body.status).toBe('computing');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('shows each confusable entry as the other\'s neighbour, with its question and counts, and none for the distinct pair', async () => {
    const first = await neighboursOf('pn.tuition');
    expect(first.status).toBe(202);
    const tuition = await readyNeighbours('pn.tuition');
    expect(tuition.status).toBe(200);
    const fees = tuition.body.neighbours?.find((neighbour) => neighbour.id === 'pn.fees');
    expect(fees).toMatchObject({ question: { en: 'What does it cost to study at PN?' }, of: 8 });
    expect(fees?.phrasings).toBeGreaterThan(0);
    const [one, other] = CONFUSABLE;
    expect((await readyNeighbours(other)).body.neighbours?.map((neighbour) => neighbour.id)).toContain(one);
    for (const id of DISTINCT) {
      const distinct = await readyNeighbours(id);
      expect(distinct.body).toMatchObject({ status: 'ready', neighbours: [] });
    }
    // Worked out once, kept by the content's hash for the next process.
    expect(readdirSync(path.join(work, 'compiled')).filter((name) => name.startsWith('neighbours-'))).toHaveLength(1);
  });

  it('refuses without credentials and answers 404 for an unknown entry', async () => {
    expect((await neighboursOf('pn.tuition', {})).status).toBe(401);
    expect((await neighboursOf('pn.nowhere')).status).toBe(404);
  });
});
