/**
 * Near-duplicate entries: each entry's question (in both languages) is asked of the
 * search index; when another entry scores within `margin` of the entry itself, or
 * above it, the two questions are too close and students may get the wrong answer.
 */
import type { KnowledgeIndex } from '../index';
import { LANGS, type KnowledgeBase } from '../types';
import type { Finding, Locator } from './types';

export const NEAR_DUPLICATE_MARGIN = 0.05;

export function findNearDuplicates(kb: KnowledgeBase, index: KnowledgeIndex, locate: Locator, margin = NEAR_DUPLICATE_MARGIN): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const entry of kb.entries) {
    for (const lang of LANGS) {
      const { ranked } = index.search(entry.question[lang], 10);
      const own = ranked.find((scored) => scored.entryId === entry.id)?.score ?? 0;
      for (const other of ranked) {
        if (other.entryId === entry.id || other.score <= 0 || other.score < own - margin) continue;
        const pair = [entry.id, other.entryId].sort().join('\u0000');
        if (reported.has(pair)) continue;
        reported.add(pair);
        const otherEntry = kb.byId.get(other.entryId);
        if (!otherEntry) continue;
        const here = locate(entry.id, ['question', lang]);
        const there = locate(other.entryId, ['question', lang]);
        findings.push({
          severity: 'warning',
          code: 'nearDuplicate',
          file: here.file,
          line: here.line,
          params: {
            id: entry.id,
            question: entry.question[lang],
            otherId: other.entryId,
            otherQuestion: otherEntry.question[lang],
            otherPlace: `${there.file}:${there.line}`,
            lang,
            score: Math.round(other.score * 100) / 100,
            ownScore: Math.round(own * 100) / 100,
          },
        });
      }
    }
  }
  return findings;
}
