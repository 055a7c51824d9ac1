/**
 * Language parity: when one language has far fewer alternates than the other (fewer
 * than `ratio` of them), questions in that language are matched less well.
 */
import type { KnowledgeBase } from '../types';
import type { Finding, Locator } from './types';

export const PARITY_RATIO = 0.5;

export function findParityGaps(kb: KnowledgeBase, locate: Locator, ratio = PARITY_RATIO): Finding[] {
  const findings: Finding[] = [];
  for (const entry of kb.entries) {
    const vi = entry.alternates.vi.length;
    const en = entry.alternates.en.length;
    const [few, many, langFew, langMany] = vi < en ? [vi, en, 'vi', 'en'] : [en, vi, 'en', 'vi'];
    if (few >= many * ratio) continue;
    const where = locate(entry.id, ['alternates', langFew]);
    findings.push({ severity: 'warning', code: 'parity', file: where.file, line: where.line, params: { id: entry.id, few, many, langFew, langMany } });
  }
  return findings;
}
