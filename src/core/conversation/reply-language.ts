/**
 * Which language the bot answers in: the one rule, called by the engine (the server and
 * the bot pass the channel's locale in and read the result). The message itself wins
 * when detection is sure, unless it is typed into a form (a name, "yes" says nothing of
 * the language wanted); otherwise what we know of the user, then what the channel says,
 * then Vietnamese (most users are Vietnamese).
 */
import type { Lang } from '../knowledge/types';
import type { Utterance } from '../language/utterance';

export interface LanguageSignals {
  /** The turn's message; its language (detected once, in the Utterance) counts when detection is sure. */
  message?: Pick<Utterance, 'language'>;
  /** The message answers a form's question: its language does not count. */
  inForm?: boolean;
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

/** The language the message itself asks for: its detected language when detection is sure, outside a form. */
export function messageLanguage(signals: Pick<LanguageSignals, 'message' | 'inForm'>): Lang | undefined {
  if (!signals.message || signals.inForm) return undefined;
  const detected = signals.message.language;
  return detected.sure && detected.lang ? detected.lang : undefined;
}

export function chooseReplyLanguage(signals: LanguageSignals): Lang {
  return messageLanguage(signals) ?? signals.preferred ?? langFromLocale(signals.locale) ?? DEFAULT_LANG;
}
