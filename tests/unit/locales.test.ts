/**
 * The two UI string files must say the same things: same keys (nested), no
 * empty value, the same {{placeholders}}, and every key the code asks for exists.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const read = (lang: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'locales', lang, 'translation.json'), 'utf8')) as Record<string, unknown>;

/** Flattens nested objects to dotted keys; leaves must be strings. */
function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [leafKey, leaf] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(leafKey, leaf);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

const vi = flatten(read('vi'));
const en = flatten(read('en'));
const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('locales', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect([...vi.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each([
    ['vi', vi],
    ['en', en],
  ])('%s has a non-empty string for every key', (_lang, strings) => {
    const bad = [...strings].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...vi.keys()].filter(
      (key) => JSON.stringify(placeholders(vi.get(key))) !== JSON.stringify(placeholders(en.get(key))),
    );
    expect(mismatched).toEqual([]);
  });

  it('have every key the bot code asks for', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
      });
    // src/bot/dialogs has its own strings (locales/flows/<lang>.json) and its own checks.
    const sources = [path.join(ROOT, 'src/bot'), path.join(ROOT, 'src/core/conversation')]
      .flatMap(files)
      .filter((file) => !file.includes(`${path.sep}dialogs${path.sep}`));
    // Any quoted 'namespace.key' whose namespace the strings use is a key; template keys (areas.${area}) are added below.
    const namespaces = new Set([...en.keys()].map((key) => key.split('.')[0]));
    const used = new Set<string>();
    for (const file of sources) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'([a-z]+)\.([\w.]+)'/g)) {
        if (namespaces.has(match[1])) used.add(`${match[1]}.${match[2]}`);
      }
    }
    for (const area of ['pn', 'ms', 'jp']) used.add(`areas.${area}`);
    expect(used.size).toBeGreaterThan(15);
    const missing = [...used].filter((key) => !en.has(key) || !vi.has(key));
    expect(missing).toEqual([]);
  });

  it('name the language switch in the language it switches to', () => {
    expect(vi.get('language.switchButton')).toBe('Tiếng Việt');
    expect(en.get('language.switchButton')).toBe('English');
  });
});
