/**
 * The three subject areas the menus offer. Knowledge entries name their area
 * (KnowledgeEntry.area); entries of other areas (the bot's own small talk) are
 * answered but not listed in menus.
 */
import type { Lang } from '../knowledge/types';
import type { Button, Translator } from './reply';
import { postBack } from './reply';

export const MENU_AREAS = ['pn', 'ms', 'jp'] as const;
export type MenuArea = (typeof MENU_AREAS)[number];

export function isMenuArea(area: string): area is MenuArea {
  return (MENU_AREAS as readonly string[]).includes(area);
}

export function areaTitle(t: Translator, lang: Lang, area: MenuArea): string {
  return t(lang, `areas.${area}`);
}

/** One button per area, titled in the reply language. */
export function areaButtons(t: Translator, lang: Lang): Button[] {
  return MENU_AREAS.map((area) => postBack(areaTitle(t, lang, area), { action: 'menu', area }));
}
