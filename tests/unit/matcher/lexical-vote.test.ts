/**
 * The BM25 vote ranks as MiniSearch does (it used to ask MiniSearch itself, and the
 * calibrated thresholds were chosen with that ranking): on the real knowledge base, for
 * every phrasing and every labelled question in the fixtures, alone and cut in halves,
 * its top entry is MiniSearch's top hit over the same documents.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { analyzeText } from '../../../src/core/language/analyze';
import { loadKnowledge, type LoadedKnowledge } from '../../../src/core/knowledge/loader';
import { documentTerms, LexicalVote } from '../../../src/core/knowledge/model/lexical-vote';

const ROOT = path.join(__dirname, '../../..');
let content: LoadedKnowledge;
beforeAll(async () => {
  content = await loadKnowledge(path.join(ROOT, 'knowledge'));
});

function miniSearchTop(search: MiniSearch<{ id: string; terms: string }>, text: string): string | undefined {
  const terms = analyzeText(text, content.lexicon).allTerms;
  if (terms.length === 0) return undefined;
  const [top] = search.search(terms.join(' '));
  return top === undefined ? undefined : String(top.id);
}

function fixtureTexts(): string[] {
  const texts: string[] = [];
  // Two development sets (about 670 messages, every style): a blind set read by a test is no longer blind.
  for (const file of ['dev/dev2.yaml', 'dev/dev3.yaml']) {
    const walk = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(parse(readFileSync(path.join(ROOT, 'tests/fixtures/eval', file), 'utf8')));
  }
  return texts;
}

describe('LexicalVote', () => {
  it('names the entry MiniSearch ranks first, for every phrasing and fixture question', async () => {
    const search = new MiniSearch<{ id: string; terms: string }>({ fields: ['terms'], tokenize: (text) => text.split(' '), processTerm: (term) => term });
    search.addAll(content.kb.entries.map((entry) => ({ id: entry.id, terms: documentTerms(entry, content.lexicon) })));
    const votes = [LexicalVote.create(content.kb, content.lexicon), await LexicalVote.build(content.kb, content.lexicon)];
    const phrasings = content.kb.entries.flatMap((entry) => [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en]);
    const texts = [...phrasings, ...fixtureTexts()].flatMap((text) => [text, text.slice(0, text.length >> 1), text.slice(text.length >> 1)]);
    const differing = texts.filter((text) => votes.some((vote) => vote.topEntry(text) !== miniSearchTop(search, text)));
    expect(texts.length).toBeGreaterThan(1000);
    expect(differing).toEqual([]);
  });
});
