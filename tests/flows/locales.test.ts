/** locales/flows/{vi,en}.json: the same keys, every reason and help text present, same placeholders. */
import en from '../../locales/flows/en.json';
import vi from '../../locales/flows/vi.json';
import { VALIDATION_REASONS } from '../../src/core/flows';
import { flowT } from '../../src/bot/dialogs/i18n';
import { describeLocaleParity, flattenStrings } from '../helpers/locale-parity';

const viKeys = flattenStrings(vi);
const enKeys = flattenStrings(en);

describeLocaleParity('locales/flows', viKeys, enKeys);

test('every refusal reason and every step kind has its text', () => {
  for (const reason of VALIDATION_REASONS) expect(viKeys.has(`reason.${reason}`)).toBe(true);
  for (const kind of ['text', 'choice', 'confirm', 'number']) expect(enKeys.has(`help.${kind}`)).toBe(true);
  for (const kind of ['lead', 'handoff']) expect(viKeys.has(`staff.title.${kind}`)).toBe(true);
});

test('the translator fills placeholders without HTML escaping', () => {
  expect(flowT('en')('reason.tooSmall', { min: 17 })).toBe('The number must be at least 17.');
  expect(flowT('vi')('reason.tooLarge', { max: 23 })).toBe('Số phải không quá 23.');
  expect(flowT('en')('help.commands')).toContain('"tiếng Việt"');
});
