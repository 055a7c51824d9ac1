/**
 * Replies that orient the user: the welcome, the list of areas, one area's
 * questions, and the confirmation of a language switch.
 */
import type { KnowledgeEntry, Lang } from '../knowledge/types';
import { areaButtons, areaTitle, type MenuArea } from './areas';
import { button, key, plan, type PlanButton, type ReplyPlan, type Text } from './plan';

export const otherLang = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

/** A button that switches to the other language, titled in that language so its reader finds it. */
export function switchLanguageButton(lang: Lang): PlanButton {
  const target = otherLang(lang);
  return button({ key: 'language.switchButton', lang: target }, { action: 'lang', lang: target });
}

/**
 * Shown when a user joins: who the bot is, in the user's language only (short
 * enough for a phone's first screen with its buttons), the areas, and the
 * other language one tap away.
 */
export function welcomeReply(lang: Lang): ReplyPlan {
  const texts: Text[] = [{ key: 'welcome.title', style: 'bold' }, key('welcome.intro'), key('welcome.prompt')];
  return plan(lang, texts, [...areaButtons(), switchLanguageButton(lang)]);
}

/** The areas with a lead-in text (help, after cancel, after a language switch). */
export function areaListReply(lang: Lang, lead: Text = key('help.text')): ReplyPlan {
  return plan(lang, [lead], [...areaButtons(), switchLanguageButton(lang)]);
}

/**
 * One area's questions as buttons, in knowledge-base order, then a way back. `from` starts
 * the list further on: the "more" of a channel that shows fewer buttons (Messenger).
 */
export function areaMenuReply(lang: Lang, area: MenuArea, entries: readonly KnowledgeEntry[], from = 0): ReplyPlan {
  const all = entries.filter((entry) => entry.area === area);
  // A position past the end (entries switched off since) shows the list from its start.
  const start = from < all.length ? from : 0;
  const questions = all.slice(start).map((entry) => button({ entry: entry.id, field: 'question' }, { action: 'entry', id: entry.id }));
  const lead = key(questions.length > 0 ? 'menu.areaIntro' : 'menu.areaEmpty', { area: areaTitle(area) });
  return { ...plan(lang, [lead], [...questions, button(key('menu.back'), { action: 'menu' })]), page: { area, from: start } };
}
