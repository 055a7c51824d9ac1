/**
 * Settings that content may name in its texts, the same in every flow: {{officeHours}}
 * (when staff answer), {{retentionDays}} (how long contact details are kept) and
 * {{privacyUrl}} (a link to the privacy notice the bot serves). They come from the
 * configuration, in one place, and are worded in the user's language from the catalogue.
 */
/** The two languages (knowledge/types names them too; settings sit below it). */
type Lang = 'vi' | 'en';
import { dayRuns, WEEKDAY_KEYS, type OfficeHours } from './office-hours';

export const SETTING_PLACEHOLDERS = ['officeHours', 'retentionDays', 'privacyUrl'] as const;

export interface ContentSettings {
  officeHours: OfficeHours;
  /** Days personal records are kept before the retention purge removes them. */
  retentionDays: number;
  /** Where the privacy notice is served (a path like /privacy, or a full address). */
  privacyPath: string;
}

type Translate = (lang: Lang, key: string, vars?: Record<string, string | number>) => string;

/** The placeholder values for one language. */
export function settingValues(settings: ContentSettings, lang: Lang, t: Translate): Record<string, string> {
  return {
    officeHours: describeOfficeHours(settings.officeHours, lang, t),
    retentionDays: String(settings.retentionDays),
    privacyUrl: t(lang, 'settings.privacyLink', { url: `${settings.privacyPath}?lang=${lang}` }),
  };
}

export function describeOfficeHours(hours: OfficeHours, lang: Lang, t: Translate): string {
  const day = (d: number) => t(lang, `settings.days.${WEEKDAY_KEYS[d - 1] ?? 'mon'}`);
  const runs = dayRuns(hours.days).map(([from, to]) => (from === to ? day(from) : t(lang, 'settings.dayRange', { from: day(from), to: day(to) })));
  const days = runs.length > 1 ? t(lang, 'settings.dayList', { first: runs.slice(0, -1).join(', '), last: runs[runs.length - 1] ?? '' }) : (runs[0] ?? '');
  return t(lang, 'settings.officeHours', { days, open: hours.open.replace(/^0/, ''), close: hours.close.replace(/^0/, '') });
}
