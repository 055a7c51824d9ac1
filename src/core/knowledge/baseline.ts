/**
 * The yardstick: plain MiniSearch with default options and fuzzy 0.2 over the same
 * knowledge base (one document per entry), answering its top hit. `npm run eval --
 * --baseline` prints its numbers beside ours so the gain is measured in one run.
 */
import MiniSearch from 'minisearch';
import type { Decider } from './evaluate';
import type { KnowledgeBase } from './types';

export function plainMiniSearchDecider(kb: KnowledgeBase): Decider {
  const search = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
  search.addAll(
    kb.entries.map((entry) => ({
      id: entry.id,
      text: [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en].join('\n'),
    })),
  );
  return (text) => {
    const hits = search.search(text, { fuzzy: 0.2 });
    const top = hits[0];
    if (!top) return { kind: 'fallback', confidence: 0, id: null, suggestions: [] };
    return { kind: 'answer', confidence: 1, id: String(top.id), suggestions: [] };
  };
}
