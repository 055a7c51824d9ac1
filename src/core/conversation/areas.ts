/**
 * The three subject areas the menus offer. Knowledge entries name their area
 * (KnowledgeEntry.area); entries of other areas (the bot's own small talk) are
 * answered but not listed in menus.
 */
import { button, key, type PlanButton, type Text } from './plan';

export const MENU_AREAS = ['pn', 'ms', 'jp'] as const;
export type MenuArea = (typeof MENU_AREAS)[number];

export function isMenuArea(area: string): area is MenuArea {
  return (MENU_AREAS as readonly string[]).includes(area);
}

export function areaTitle(area: MenuArea): Text {
  return key(`areas.${area}`);
}

/** One button per area. */
export function areaButtons(): PlanButton[] {
  return MENU_AREAS.map((area) => button(areaTitle(area), { action: 'menu', area }));
}
