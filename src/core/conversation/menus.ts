/**
 * Replies that orient the user: the welcome, the list of areas, one area's
 * questions, and the confirmation of a language switch.
 */
import type { KnowledgeEntry, Lang } from '../knowledge/types';
import { areaButtons, areaTitle, type MenuArea } from './areas';
import { postBack, type Button, type Reply, type Translator } from './reply';

export const otherLang = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

/** A button that switches to the other language, titled in that language so its reader finds it. */
export function switchLanguageButton(t: Translator, lang: Lang): Button {
  const target = otherLang(lang);
  return postBack(t(target, 'language.switchButton'), { action: 'lang', lang: target });
}

/**
 * Shown when a user joins: who the bot is in both languages (the likelier one
 * first), the areas, and the language switch.
 */
export function welcomeReply(t: Translator, lang: Lang): Reply {
  const other = otherLang(lang);
  const text = [
    `**${t(lang, 'welcome.title')}**`,
    t(lang, 'welcome.intro'),
    `**${t(other, 'welcome.title')}**`,
    t(other, 'welcome.intro'),
    t(lang, 'welcome.prompt'),
  ].join('\n\n');
  return { text, buttons: [...areaButtons(t, lang), switchLanguageButton(t, lang)] };
}

/** The areas with a lead-in text (help, after cancel, after a language switch). */
export function areaListReply(t: Translator, lang: Lang, textKey = 'help.text'): Reply {
  return { text: t(lang, textKey), buttons: [...areaButtons(t, lang), switchLanguageButton(t, lang)] };
}

/** One area's questions as buttons, in knowledge-base order, then a way back. */
export function areaMenuReply(t: Translator, lang: Lang, area: MenuArea, entries: readonly KnowledgeEntry[]): Reply {
  const questions = entries
    .filter((entry) => entry.area === area)
    .map((entry) => postBack(entry.question[lang], { action: 'entry', id: entry.id }));
  const text =
    questions.length > 0
      ? t(lang, 'menu.areaIntro', { area: areaTitle(t, lang, area) })
      : t(lang, 'menu.areaEmpty', { area: areaTitle(t, lang, area) });
  return { text, buttons: [...questions, postBack(t(lang, 'menu.back'), { action: 'menu' })] };
}
