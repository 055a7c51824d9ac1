/**
 * The bot's UI strings: locales/<lang>/translation.json through i18next, read
 * synchronously at start so a missing or broken file stops the bot at once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInstance } from 'i18next';
import { LANGS, type Lang } from '../core/knowledge/types';
import type { Translator } from '../core/conversation/reply';

type Resource = Record<string, unknown>;

export function readTranslations(localesDir: string, lang: Lang): Resource {
  const file = path.join(localesDir, lang, 'translation.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Resource;
  } catch (error) {
    throw new Error(`Cannot read UI strings from ${file}: ${(error as Error).message}`);
  }
}

export function createTranslator(localesDir: string): Translator {
  const resources = Object.fromEntries(LANGS.map((lang) => [lang, { translation: readTranslations(localesDir, lang) }]));
  const i18n = createInstance();
  void i18n.init({
    resources,
    lng: 'vi',
    fallbackLng: 'vi',
    supportedLngs: [...LANGS],
    initAsync: false,
    // Replies are Markdown rendered by the channel, not HTML: escaping would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = Object.fromEntries(LANGS.map((lang) => [lang, i18n.getFixedT(lang)])) as Record<
    Lang,
    ReturnType<typeof i18n.getFixedT>
  >;
  return (lang, key, vars) => String(fixed[lang](key, vars ?? {}));
}
