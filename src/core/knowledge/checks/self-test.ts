/**
 * The self-test as findings: every question and alternate, asked of the bot, must be
 * answered by its own entry. A warning, an error with --strict.
 */
import type { KnowledgeAnswerer } from '../load-answerer';
import { LANGS } from '../types';
import type { Finding, Locator, Severity } from './types';

export function selfTestFindings(answerer: KnowledgeAnswerer, locate: Locator, severity: Severity = 'warning'): Finding[] {
  const findings: Finding[] = [];
  for (const entry of answerer.content.kb.entries) {
    for (const lang of LANGS) {
      const phrasings: { text: string; path: (string | number)[] }[] = [
        { text: entry.question[lang], path: ['question', lang] },
        ...entry.alternates[lang].map((text, index) => ({ text, path: ['alternates', lang, index] })),
      ];
      for (const { text, path } of phrasings) {
        const decision = answerer.decide(text);
        if (decision.kind === 'answer' && decision.entry?.id === entry.id) continue;
        const where = locate(entry.id, path);
        const base = { severity, file: where.file, line: where.line };
        if (decision.kind === 'answer') {
          findings.push({ ...base, code: 'selfTestOther', params: { id: entry.id, text, other: decision.entry?.id ?? '?' } });
        } else if (decision.kind === 'suggest') {
          const shown = decision.candidates.slice(0, 3).map((candidate) => candidate.id);
          findings.push({ ...base, code: 'selfTestSuggest', params: { id: entry.id, text, others: shown.join(', ') } });
        } else {
          findings.push({ ...base, code: 'selfTestNone', params: { id: entry.id, text } });
        }
      }
    }
  }
  return findings;
}
