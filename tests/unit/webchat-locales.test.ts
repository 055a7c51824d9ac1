/**
 * The chat page's own words (locales/webchat/<lang>.json): the same keys in both
 * languages, and every key public/app.js and /embed.js read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeLocaleParity, flattenStrings } from '../helpers/locale-parity';

const ROOT = path.resolve(__dirname, '../..');
const read = (lang: string) => JSON.parse(readFileSync(path.join(ROOT, 'locales', 'webchat', `${lang}.json`), 'utf8')) as Record<string, unknown>;
const vi = flattenStrings(read('vi'));
const en = flattenStrings(read('en'));

describeLocaleParity('locales/webchat/<lang>.json', vi, en);

describe('locales/webchat', () => {
  it('has every key the page reads', () => {
    const page = readFileSync(path.join(ROOT, 'public', 'app.js'), 'utf8');
    // TEXT[lang].title, text.footer.local, target.switchTo, TEXT[lang].failed[...] ...
    const used = new Set([...page.matchAll(/\b(?:text|target|TEXT\[lang\])\.([a-zA-Z]+(?:\.[a-zA-Z]+)?)/g)].map((match) => match[1]));
    used.add('frameTitle'); // read by src/server/webchat-page.ts for /embed.js
    const known = new Set([...en.keys()].flatMap((key) => [key, key.split('.')[0]]));
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
    expect(used.size).toBeGreaterThan(8);
  });

  it('names each language in itself and gives Web Chat a locale it knows', () => {
    expect(vi.get('locale')).toBe('vi-VN');
    expect(en.get('locale')).toBe('en-US');
    for (const locale of ['vi-VN', 'en-US']) {
      expect(() => readFileSync(path.join(ROOT, 'node_modules/botframework-webchat-api/lib/localization', `${locale}.json`))).not.toThrow();
    }
  });
});
