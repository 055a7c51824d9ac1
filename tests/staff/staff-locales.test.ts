/**
 * The staff tools' strings (locales/kbcheck/vi.json and en.json) must say the same
 * things: the same keys, no empty text, the same {{placeholders}}, and a message for
 * every kind of kb:check finding.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINDING_CODES } from '../../src/core/knowledge/checks';

const DIR = path.resolve(__dirname, '../../locales/kbcheck');
const read = (lang: string) => JSON.parse(readFileSync(path.join(DIR, `${lang}.json`), 'utf8')) as unknown;

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) for (const [leafKey, leaf] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(leafKey, leaf);
  } else {
    out.set(prefix, value);
  }
  return out;
}

const vi = flatten(read('vi'));
const en = flatten(read('en'));
const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('staff tool strings', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect([...vi.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each([
    ['vi', vi],
    ['en', en],
  ])('%s has a non-empty text for every key', (_lang, strings) => {
    expect([...strings].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const differ = [...en.keys()].filter((key) => JSON.stringify(placeholders(en.get(key))) !== JSON.stringify(placeholders(vi.get(key))));
    expect(differ).toEqual([]);
  });

  it('have a message for every kind of kb:check finding and severity', () => {
    expect(FINDING_CODES.filter((code) => !en.has(`check.${code}`))).toEqual([]);
    expect(en.has('severity.error') && en.has('severity.warning')).toBe(true);
  });
});
