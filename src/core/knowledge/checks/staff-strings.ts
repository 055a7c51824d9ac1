/**
 * The words of the staff tools (kb:check, report, records:purge), in Vietnamese and
 * English: locales/kbcheck/<lang>.json through i18next. The language comes from
 * --lang, else from the LC_ALL / LC_MESSAGES / LANG locale, else English.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInstance } from 'i18next';
import type { Lang } from '../types';

export type StaffT = (key: string, vars?: Record<string, string | number>) => string;

/** `--lang vi|en` wins; otherwise the first locale variable set (vi_VN.UTF-8 -> vi); default English. */
export function chooseStaffLang(arg: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const pick = (value: string | undefined): Lang | undefined => {
    const code = value?.trim().toLowerCase().slice(0, 2);
    return code === 'vi' || code === 'en' ? code : undefined;
  };
  if (arg !== undefined) {
    const lang = /^(vi|en)([-_.].*)?$/i.test(arg.trim()) ? pick(arg) : undefined;
    if (!lang) throw new Error(`--lang must be "vi" or "en" (got "${arg}")`);
    return lang;
  }
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value && value !== 'C' && value !== 'POSIX') return pick(value) ?? 'en';
  }
  return 'en';
}

export function staffLocalesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.LOCALES_DIR ?? 'locales', 'kbcheck');
}

export function readStaffStrings(lang: Lang, dir = staffLocalesDir()): Record<string, unknown> {
  const file = path.join(dir, `${lang}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot read the staff tool strings from ${file}: ${(error as Error).message}`);
  }
}

/** A translator fixed to one language; missing keys fall back to English. */
export function staffTranslator(lang: Lang, dir = staffLocalesDir()): StaffT {
  const i18n = createInstance();
  void i18n.init({
    resources: { en: { translation: readStaffStrings('en', dir) }, ...(lang === 'vi' ? { vi: { translation: readStaffStrings('vi', dir) } } : {}) },
    lng: lang,
    fallbackLng: 'en',
    initAsync: false,
    // Terminal text and (separately escaped) HTML: i18next must not escape.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const t = i18n.getFixedT(lang);
  return (key, vars) => String(t(key, vars ?? {}));
}
