/**
 * The two UI string files must say the same things: same keys (nested), no
 * empty value, the same {{placeholders}}, and every key the code asks for exists.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeLocaleParity, flattenStrings } from '../helpers/locale-parity';

const ROOT = path.resolve(__dirname, '../..');
const read = (lang: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'locales', lang, 'translation.json'), 'utf8')) as Record<string, unknown>;

const vi = flattenStrings(read('vi'));
const en = flattenStrings(read('en'));

describeLocaleParity('locales/<lang>/translation.json', vi, en);

describe('locales', () => {
  it('have every key the bot code asks for', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
      });
    // Keys under "flows:" are the flows' namespace, checked in tests/flows/locales.test.ts.
    const sources = [path.join(ROOT, 'src/bot'), path.join(ROOT, 'src/core/conversation'), path.join(ROOT, 'src/core/engine')].flatMap(files);
    // Any quoted 'namespace.key' whose namespace the strings use is a key; template keys (areas.${area}) are added below.
    const namespaces = new Set([...en.keys()].map((key) => key.split('.')[0]));
    const used = new Set<string>();
    for (const file of sources) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'([a-z]+)\.([\w.]+)'/g)) {
        if (namespaces.has(match[1])) used.add(`${match[1]}.${match[2]}`);
      }
    }
    for (const area of ['pn', 'ms', 'jp']) used.add(`areas.${area}`);
    // And the flows' namespace ("flows:reason.phone"), read from locales/flows/<lang>.json.
    const flowKeys = (lang: string) => flattenStrings(JSON.parse(readFileSync(path.join(ROOT, 'locales', 'flows', `${lang}.json`), 'utf8')));
    const flowsVi = flowKeys('vi');
    const flowsEn = flowKeys('en');
    const usedFlows = new Set<string>();
    for (const file of sources) for (const match of readFileSync(file, 'utf8').matchAll(/'flows:([\w.]+)'/g)) usedFlows.add(match[1]);
    expect(usedFlows.size).toBeGreaterThan(5);
    expect([...usedFlows].filter((key) => !flowsVi.has(key) || !flowsEn.has(key))).toEqual([]);
    expect(used.size).toBeGreaterThan(15);
    const missing = [...used].filter((key) => !en.has(key) || !vi.has(key));
    expect(missing).toEqual([]);
  });

  it('name the language switch in the language it switches to', () => {
    expect(vi.get('language.switchButton')).toBe('Tiếng Việt');
    expect(en.get('language.switchButton')).toBe('English');
  });
});
