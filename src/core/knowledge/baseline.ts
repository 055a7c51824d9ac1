/**
 * Plain MiniSearch with default options and fuzzy 0.2 over the same knowledge base (one
 * document per entry, its phrasings as written), answering its top hit. It is the yardstick
 * (`npm run eval -- --baseline` prints its numbers beside ours) and a third opinion in the
 * decision: it reads the message as typed, typos matched fuzzily, where the learned model and
 * BM25 read the analysed words (load-answerer.ts).
 */
import MiniSearch from 'minisearch';
import type { Decider } from './evaluate';
import type { KnowledgeBase } from './types';

/** The entry plain MiniSearch ranks first for a text, if any. */
export type TopHit = (text: string) => string | undefined;

export function plainMiniSearchTopHit(kb: KnowledgeBase): TopHit {
  const search = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
  search.addAll(
    kb.entries.map((entry) => ({
      id: entry.id,
      text: [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en].join('\n'),
    })),
  );
  return (text) => {
    const [top] = search.search(text, { fuzzy: 0.2 });
    return top ? String(top.id) : undefined;
  };
}

export function plainMiniSearchDecider(kb: KnowledgeBase): Decider {
  const topHit = plainMiniSearchTopHit(kb);
  return (text) => {
    const id = topHit(text);
    if (id === undefined) return { kind: 'fallback', confidence: 0, id: null, suggestions: [] };
    return { kind: 'answer', confidence: 1, id, suggestions: [] };
  };
}
