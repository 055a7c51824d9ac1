/**
 * Each entry's question and alternates, asked of the bot, must be answered by that
 * entry: a phrasing that lands elsewhere confuses students and hides the right answer.
 */
import type { KnowledgeAnswerer } from './load-answerer';
import { LANGS } from './types';

export interface SelfTestMiss {
  entryId: string;
  text: string;
  location: string;
  decision: string;
  got: string | null;
}

export function selfTest(answerer: KnowledgeAnswerer): SelfTestMiss[] {
  const misses: SelfTestMiss[] = [];
  for (const entry of answerer.content.kb.entries) {
    for (const lang of LANGS) {
      for (const text of [entry.question[lang], ...entry.alternates[lang]]) {
        const decision = answerer.decide(text);
        if (decision.kind === 'answer' && decision.entry?.id === entry.id) continue;
        misses.push({
          entryId: entry.id,
          text,
          location: `${entry.location.file}:${entry.location.line}`,
          decision: decision.kind,
          got: decision.entry?.id ?? (decision.kind === 'suggest' ? decision.candidates.slice(0, 3).map((candidate) => candidate.id).join(', ') : null),
        });
      }
    }
  }
  return misses;
}
