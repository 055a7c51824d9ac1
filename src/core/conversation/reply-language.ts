/**
 * Which language the bot answers in. The message itself wins when detection is
 * sure; otherwise what we know of the user, then what the channel says, then
 * Vietnamese (most users are Vietnamese).
 */
import type { Lang } from '../knowledge/types';

export interface LanguageSignals {
  /** From the message text; null or unsure when the text does not tell. */
  detected?: { lang: Lang | null; sure: boolean };
  /** Stored in user state: set by a language command or an earlier sure detection. */
  preferred?: Lang;
  /** `activity.locale`, e.g. "vi-VN" or "en-US". */
  locale?: string;
}

export const DEFAULT_LANG: Lang = 'vi';

/** "vi-VN" -> vi, "en-GB" -> en, anything else -> undefined. */
export function langFromLocale(locale: unknown): Lang | undefined {
  // Activities come from the network: a locale that is not a string is ignored, not trusted.
  if (typeof locale !== 'string') return undefined;
  const prefix = locale.trim().toLowerCase().slice(0, 2);
  return prefix === 'vi' || prefix === 'en' ? prefix : undefined;
}

export function chooseReplyLanguage(signals: LanguageSignals): Lang {
  if (signals.detected?.sure && signals.detected.lang) return signals.detected.lang;
  return signals.preferred ?? langFromLocale(signals.locale) ?? DEFAULT_LANG;
}
