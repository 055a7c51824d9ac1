/** The staff console's strings (locales/staff/vi.json and en.json) say the same things in both languages. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeLocaleParity, flattenStrings } from '../helpers/locale-parity';

const DIR = path.resolve(__dirname, '../../locales/staff');
const read = (lang: string) => flattenStrings(JSON.parse(readFileSync(path.join(DIR, `${lang}.json`), 'utf8')) as unknown);

describeLocaleParity('locales/staff', read('vi'), read('en'));
