/**
 * Every pair of string files (the bot's, the guided flows', the staff tools') must say
 * the same things in Vietnamese and English: the same keys, no empty text, the same
 * {{placeholders}}. One definition of those rules for all three.
 */

/** Flattens nested objects to dotted keys. */
export function flattenStrings(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [leafKey, leaf] of flattenStrings(child, prefix ? `${prefix}.${key}` : key)) out.set(leafKey, leaf);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

/** Registers the parity tests for one pair of files. */
export function describeLocaleParity(name: string, vi: Map<string, unknown>, en: Map<string, unknown>): void {
  describe(`${name}: Vietnamese and English`, () => {
    it('have the same keys', () => {
      expect([...vi.keys()].sort()).toEqual([...en.keys()].sort());
    });

    it.each([
      ['vi', vi],
      ['en', en],
    ])('%s has a non-empty text for every key', (_lang, strings) => {
      expect([...strings].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key)).toEqual([]);
    });

    it('use the same placeholders', () => {
      expect([...en.keys()].filter((key) => JSON.stringify(placeholders(en.get(key))) !== JSON.stringify(placeholders(vi.get(key))))).toEqual([]);
    });
  });
}
