/**
 * The one string catalogue: everything the bot itself says, through i18next.
 * Two namespaces read from LOCALES_DIR at every content load (so live reload covers
 * both): `translation` (locales/<lang>/translation.json: menus, answers' chrome,
 * hand-over, privacy) and `flows` (locales/flows/<lang>.json: re-prompt reasons,
 * form help, staff card labels), addressed as "flows:reason.phone".
 * Read synchronously so a missing or broken file fails the load at once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInstance } from 'i18next';
import { LANGS, type Lang } from '../language/lang';
import type { SourceFile } from '../yaml/source-files';

/** Looks up a UI string by key (with "flows:" for the flows' namespace). */
export type Translator = (lang: Lang, key: string, vars?: Record<string, string | number>) => string;

type Resource = Record<string, unknown>;

export const CATALOGUE_FILES: Record<string, (lang: Lang) => string> = {
  translation: (lang) => path.join(lang, 'translation.json'),
  flows: (lang) => path.join('flows', `${lang}.json`),
};

function readJson(file: string): Resource {
  return parseJson(file, readText(file));
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read UI strings from ${file}: ${(error as Error).message}`);
  }
}

function parseJson(file: string, text: string): Resource {
  try {
    return JSON.parse(text) as Resource;
  } catch (error) {
    throw new Error(`Cannot read UI strings from ${file}: ${(error as Error).message}`);
  }
}

/** The resources of one language, by namespace. */
export function readCatalogue(localesDir: string, lang: Lang): Record<string, Resource> {
  return Object.fromEntries(Object.entries(CATALOGUE_FILES).map(([ns, file]) => [ns, readJson(path.join(localesDir, file(lang)))]));
}

/** Every file the catalogue is made of, as the compile step reads them once (named by CATALOGUE_FILES). */
export function readCatalogueFiles(localesDir: string, displayRoot = process.cwd()): SourceFile[] {
  return LANGS.flatMap((lang) =>
    Object.values(CATALOGUE_FILES).map((fileOf) => {
      const name = fileOf(lang);
      const file = path.join(localesDir, name);
      return { name, display: path.relative(displayRoot, file) || name, text: readText(file) };
    }),
  );
}

export function createTranslator(localesDir: string): Translator {
  return translatorFrom(readCatalogueFiles(localesDir));
}

/** The translator of these catalogue files (see readCatalogueFiles). */
export function translatorFrom(files: readonly SourceFile[]): Translator {
  const byName = new Map(files.map((file) => [file.name, file]));
  const resources = Object.fromEntries(
    LANGS.map((lang) => [
      lang,
      Object.fromEntries(
        Object.entries(CATALOGUE_FILES).map(([ns, fileOf]) => {
          const file = byName.get(fileOf(lang));
          if (!file) throw new Error(`Cannot read UI strings: ${fileOf(lang)} is missing`);
          return [ns, parseJson(file.display, file.text)];
        }),
      ),
    ]),
  );
  const i18n = createInstance();
  void i18n.init({
    resources,
    lng: 'vi',
    fallbackLng: 'vi',
    supportedLngs: [...LANGS],
    ns: Object.keys(CATALOGUE_FILES),
    defaultNS: 'translation',
    initAsync: false,
    // Replies are Markdown rendered by the channel, not HTML: escaping would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = Object.fromEntries(LANGS.map((lang) => [lang, i18n.getFixedT(lang)])) as Record<Lang, ReturnType<typeof i18n.getFixedT>>;
  // A string without variables never changes for this catalogue (a reload makes a new
  // translator): looked up once. i18next's lookup costs a few µs, and a turn makes several.
  const plain = new Map<string, string>();
  return (lang, key, vars) => {
    if (vars !== undefined) return String(fixed[lang](key, vars));
    const memoKey = `${lang}:${key}`;
    let text = plain.get(memoKey);
    if (text === undefined) {
      text = String(fixed[lang](key, {}));
      plain.set(memoKey, text);
    }
    return text;
  };
}
