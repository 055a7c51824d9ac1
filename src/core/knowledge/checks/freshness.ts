/**
 * Freshness: an answer past its `validUntil` date, or not `reviewed` for longer than
 * `maxAgeMonths`, may tell students something that is no longer true.
 * Dates are compared as calendar days in UTC; `now` is injectable for tests.
 */
import type { KnowledgeBase } from '../types';
import type { Finding, Locator } from './types';

export const MAX_REVIEW_AGE_MONTHS = 12;

export function findStaleEntries(kb: KnowledgeBase, locate: Locator, now: Date, maxAgeMonths = MAX_REVIEW_AGE_MONTHS): Finding[] {
  const today = now.toISOString().slice(0, 10);
  const findings: Finding[] = [];
  for (const entry of kb.entries) {
    if (entry.validUntil !== undefined && entry.validUntil < today) {
      const where = locate(entry.id, ['validUntil']);
      findings.push({ severity: 'warning', code: 'expired', file: where.file, line: where.line, params: { id: entry.id, date: entry.validUntil } });
    }
    if (entry.reviewed !== undefined) {
      if (addMonths(entry.reviewed, maxAgeMonths) < today) {
        const months = fullMonthsBetween(entry.reviewed, today);
        const where = locate(entry.id, ['reviewed']);
        findings.push({ severity: 'warning', code: 'stale', file: where.file, line: where.line, params: { id: entry.id, date: entry.reviewed, months } });
      }
    }
  }
  return findings;
}

/** Whole months from one ISO date to a later one (2025-01-31 -> 2025-02-28 is 0). */
export function fullMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return Math.max(0, months);
}

/** The ISO date `months` after `date`, clamped to the end of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
