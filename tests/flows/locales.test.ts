/** locales/flows/{vi,en}.json: the same keys, every reason and help text present, same placeholders. */
import en from '../../locales/flows/en.json';
import vi from '../../locales/flows/vi.json';
import { VALIDATION_REASONS } from '../../src/core/flows';
import path from 'node:path';
import { createTranslator } from '../../src/core/content/catalogue';
import { describeLocaleParity, flattenStrings } from '../helpers/locale-parity';

const viKeys = flattenStrings(vi);
const enKeys = flattenStrings(en);

describeLocaleParity('locales/flows', viKeys, enKeys);

test('every refusal reason and every step kind has its text', () => {
  for (const reason of VALIDATION_REASONS) expect(viKeys.has(`reason.${reason}`)).toBe(true);
  for (const kind of ['text', 'choice', 'confirm', 'number']) expect(enKeys.has(`help.${kind}`)).toBe(true);
  for (const kind of ['lead', 'handoff']) expect(viKeys.has(`staff.title.${kind}`)).toBe(true);
});

test('the one catalogue serves the flows\' strings under "flows:", with placeholders filled', () => {
  const t = createTranslator(path.join(__dirname, '../../locales'));
  expect(t('en', 'flows:reason.tooSmall', { min: 17 })).toBe((en.reason.tooSmall as string).replace('{{min}}', '17'));
  expect(t('vi', 'flows:reason.tooLarge', { max: 23 })).toBe((vi.reason.tooLarge as string).replace('{{max}}', '23'));
});
