/**
 * Short button titles: every entry can be shown as a button (a menu, a follow-up, a
 * "did you mean"), and so can every choice of a flow question. Messenger cuts a button's
 * title at 20 characters, so each needs `short: { vi, en }` written by staff; the schema
 * checks the length, this check that it is there.
 */
import type { ParsedFlowFile } from '../../flows/parse-file';
import type { KnowledgeBase } from '../types';
import type { Finding, Locator } from './types';

export function findMissingShortTitles(kb: KnowledgeBase, locate: Locator): Finding[] {
  return kb.entries
    .filter((entry) => !entry.short)
    .map((entry) => {
      const where = locate(entry.id, ['question']);
      return { severity: 'error', code: 'noShortTitle', file: where.file, line: where.line, params: { id: entry.id } };
    });
}

export function findMissingChoiceShortTitles(files: readonly ParsedFlowFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    file.data?.steps.forEach((step, s) => {
      if (step.kind !== 'choice') return;
      step.choices.forEach((choice, c) => {
        if (choice.short) return;
        const where = file.locate(['steps', s, 'choices', c, 'label'], '');
        findings.push({ severity: 'error', code: 'noChoiceShortTitle', file: where.file, line: where.line, params: { flow: file.data?.id ?? '', step: step.id, choice: choice.id } });
      });
    });
  }
  return findings;
}
