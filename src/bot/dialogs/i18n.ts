/**
 * What the flows themselves say (re-prompt reasons, help, cancel, staff card labels):
 * locales/flows/<lang>.json. The flow texts staff edit live in dialogs/*.yaml instead.
 */
import { createInstance } from 'i18next';
import en from '../../../locales/flows/en.json';
import vi from '../../../locales/flows/vi.json';
import type { Lang } from '../../core/flows';

export type FlowT = (key: string, vars?: Record<string, string | number>) => string;

const i18n = createInstance();
void i18n.init({
  resources: { vi: { flows: vi }, en: { flows: en } },
  lng: 'vi',
  fallbackLng: 'vi',
  ns: ['flows'],
  defaultNS: 'flows',
  initAsync: false,
  // Replies are Markdown, not HTML: escaping would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
});

const fixed = { vi: i18n.getFixedT('vi', 'flows'), en: i18n.getFixedT('en', 'flows') };

export function flowT(lang: Lang): FlowT {
  return (key, vars) => String(fixed[lang](key, vars ?? {}));
}
