/** locales/flows/{vi,en}.json: the same keys, every reason and help text present, same placeholders. */
import en from '../../locales/flows/en.json';
import vi from '../../locales/flows/vi.json';
import { VALIDATION_REASONS } from '../../src/core/flows';
import { flowT } from '../../src/bot/dialogs/i18n';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof node === 'string') out.set(prefix, node);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  }
  return out;
}

const viKeys = leaves(vi);
const enKeys = leaves(en);

test('both languages have exactly the same keys', () => {
  expect([...viKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
});

test('no text is empty, and each key uses the same {{placeholders}} in both languages', () => {
  for (const [key, viText] of viKeys) {
    const enText = enKeys.get(key) ?? '';
    expect([key, viText.trim().length > 0, enText.trim().length > 0]).toEqual([key, true, true]);
    const names = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    expect([key, names(viText)]).toEqual([key, names(enText)]);
  }
});

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
