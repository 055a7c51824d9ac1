/**
 * {{name}} placeholders in flow texts: the only templating flows get. Values are
 * plain strings inserted verbatim; nothing in a placeholder is evaluated.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_-]*)\s*\}\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** Unknown names become empty strings so a skipped step never shows "{{x}}" to a user. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_all, name: string) => values[name] ?? '');
}
