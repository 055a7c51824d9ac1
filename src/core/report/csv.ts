/**
 * Leads and hand-overs as CSV for a spreadsheet (RFC 4180): one row per record, a
 * `kind` column first, nested answers flattened to `answers.<step>` columns, lists
 * joined with " | ". Fields with a comma, quote or line break are quoted, quotes
 * doubled, lines end with CRLF.
 *
 * A text starting with = + - @ (or a tab / carriage return) is prefixed with an
 * apostrophe so a spreadsheet shows it instead of running it as a formula (CSV
 * injection); plain numbers such as "+84 905 123 456" are left as they are.
 */
import type { StoredRecord } from '../records/types';

const FIRST_COLUMNS = ['kind', 'id', 'at', 'reference', 'flow', 'outcome', 'lang'];

export function recordsToCsv(records: StoredRecord[]): string {
  const rows = records.map(flatten);
  const seen = new Set<string>();
  for (const row of rows) for (const key of row.keys()) seen.add(key);
  const rest = [...seen].filter((key) => !FIRST_COLUMNS.includes(key)).sort();
  const columns = [...FIRST_COLUMNS, ...rest];
  const lines = [columns.map(csvField), ...rows.map((row) => columns.map((column) => csvField(row.get(column) ?? '')))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

/** One field, quoted when needed and defused against formula injection. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?[\d\s().]+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function flatten(record: StoredRecord): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (value: unknown, key: string) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) out.set(key, value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))).join(' | '));
    else if (typeof value === 'object') for (const [child, inner] of Object.entries(value as Record<string, unknown>)) visit(inner, `${key}.${child}`);
    else out.set(key, String(value));
  };
  for (const [key, value] of Object.entries(record)) visit(value, key);
  return out;
}
