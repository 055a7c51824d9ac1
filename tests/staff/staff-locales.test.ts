/**
 * The staff tools' strings (locales/kbcheck/vi.json and en.json) must say the same
 * things: the same keys, no empty text, the same {{placeholders}}, and a message for
 * every kind of kb:check finding.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINDING_CODES } from '../../src/core/knowledge/checks';
import { describeLocaleParity, flattenStrings } from '../helpers/locale-parity';

const DIR = path.resolve(__dirname, '../../locales/kbcheck');
const read = (lang: string) => JSON.parse(readFileSync(path.join(DIR, `${lang}.json`), 'utf8')) as unknown;

const vi = flattenStrings(read('vi'));
const en = flattenStrings(read('en'));

describeLocaleParity('locales/kbcheck', vi, en);

describe('staff tool strings', () => {
  it('have a message for every kind of kb:check finding and severity', () => {
    expect(FINDING_CODES.filter((code) => !en.has(`check.${code}`))).toEqual([]);
    expect(en.has('severity.error') && en.has('severity.warning')).toBe(true);
  });
});
