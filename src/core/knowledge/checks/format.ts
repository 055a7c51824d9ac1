/**
 * Turns findings into the lines staff read: severity, file:line, a plain message, and a
 * summary with counts at the end.
 */
import type { StaffT } from './staff-strings';
import type { Finding } from './types';

/** Parameters that name a language (vi/en) are shown as the language's name. */
const LANGUAGE_PARAMS = new Set(['lang', 'langFew', 'langMany']);

/** A schema problem's field: "item 25" is worded in the staff's language; a field name stays as written. */
function fieldName(value: string | number, t: StaffT): string | number {
  const item = /^item (\d+)$/.exec(String(value));
  return item ? t('field.item', { n: item[1] ?? '' }) : value;
}

export function findingMessage(finding: Finding, t: StaffT): string {
  const vars = Object.fromEntries(
    Object.entries(finding.params).map(([key, value]) => [key, LANGUAGE_PARAMS.has(key) ? t(`lang.${String(value)}`) : key === 'field' ? fieldName(value, t) : value]),
  );
  return t(`check.${finding.code}`, vars);
}

export function findingPlace(finding: Finding): string {
  if (finding.line <= 0) return finding.file;
  return `${finding.file}:${finding.line}${finding.column !== undefined ? `:${finding.column}` : ''}`;
}

export function formatFinding(finding: Finding, t: StaffT): string {
  return `${t(`severity.${finding.severity}`)} ${findingPlace(finding)}  ${findingMessage(finding, t)}`;
}

export interface Counts {
  errors: number;
  warnings: number;
}

export function countFindings(findings: Finding[]): Counts {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

export function summaryLine(entries: number, counts: Counts, t: StaffT): string {
  return t('check.summary', { entries, errors: counts.errors, warnings: counts.warnings });
}
