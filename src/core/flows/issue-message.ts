/**
 * Turns a zod issue into a sentence a member of staff can act on, naming the
 * place by ids they wrote ("step \"age\"") rather than by array indexes alone.
 */
import type { z } from 'zod';
import type { IssuePath } from './cross-checks';

const ITEM_NAMES: Record<string, string> = {
  steps: 'step',
  choices: 'choice',
  outcomes: 'outcome',
  offer: 'offer',
  when: 'condition',
  whenAny: 'condition',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list (lines starting with "- ")',
  object: 'a group of fields (name: value)',
  tuple: 'a list of two numbers, like [17, 23]',
};

/** "step \"age\" > choice 2 > label" for ['steps', 1, 'choices', 1, 'label']. */
export function describePath(path: IssuePath, data: unknown): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string | number;
    const parent = path[i - 1];
    const child: unknown = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
    if (typeof key === 'number' && typeof parent === 'string' && ITEM_NAMES[parent]) {
      const id = isRecord(child) && typeof child.id === 'string' ? ` "${child.id}"` : ` ${key + 1}`;
      parts.pop();
      parts.push(`${ITEM_NAMES[parent]}${id}`);
    } else {
      parts.push(String(key));
    }
    node = child;
  }
  return parts.length ? parts.join(' > ') : 'the file';
}

export function issueMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const where = describePath(issue.path as IssuePath, data);
  const last = issue.path[issue.path.length - 1];
  const received = valueAt(data, issue.path as IssuePath);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (received === undefined) {
        const hint = last === 'vi' || last === 'en' ? ' (every text needs both "vi" and "en")' : '';
        return `${where}: "${String(last)}" is missing; it should be ${expected}${hint}`;
      }
      return `${where}: should be ${expected}, not ${describeValue(received)}`;
    }
    case 'unrecognized_keys':
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling and the indentation)`;
    case 'invalid_union':
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        // zod adds `options` to discriminator issues at runtime without typing it.
        const extra = issue as { options?: unknown };
        const options = Array.isArray(extra.options) ? extra.options.map(String).join(', ') : '';
        if (received === undefined) return `${where}: "${issue.discriminator}" is missing; use one of: ${options}`;
        return `${where}: ${describeValue(received)} is not a known ${issue.discriminator}; use one of: ${options}`;
      }
      return `${where}: ${describeValue(received)} does not fit here; check the format in dialogs/README.md`;
    case 'invalid_value':
      return `${where}: ${describeValue(received)} is not allowed; use one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return `${where}: ${sizeWords(issue.origin, 'at least', issue.minimum)}`;
    case 'too_big':
      return `${where}: ${sizeWords(issue.origin, 'at most', issue.maximum)}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

function sizeWords(origin: string, bound: string, n: number | bigint): string {
  if (origin === 'string') return Number(n) <= 1 ? 'must not be empty' : `needs ${bound} ${n} characters`;
  if (origin === 'array') return `needs ${bound} ${n} item${Number(n) === 1 ? '' : 's'}`;
  return `must be ${bound} ${n}`;
}

function valueAt(data: unknown, path: IssuePath): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function describeValue(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (isRecord(v)) return 'a group of fields';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
  return `${typeof v} ${String(v)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
