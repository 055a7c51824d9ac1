/**
 * What an activity must look like before it reaches the adapter: ids are strings (an
 * object id became "[object Object]", one conversation shared by every such client), the
 * conversation has an id, the service URL is an http(s) URL, and the locale is a BCP-47
 * tag (an invalid one was echoed back in every reply). Problems are short and fixed
 * texts: nothing from the request is echoed back.
 */

const MAX_ID_LENGTH = 512;
const MAX_LOCALE_LENGTH = 64;

export type ActivityCheck = { ok: true; activity: Record<string, unknown> } | { ok: false; problem: string };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string id no longer than the limit, when present (undefined and null mean absent). */
function badId(value: unknown): boolean {
  return value !== undefined && value !== null && (typeof value !== 'string' || value.length > MAX_ID_LENGTH);
}

/** True for a well-formed BCP-47 language tag ("vi-VN", "en", "zh-Hant-TW"). */
export function isLanguageTag(value: string): boolean {
  if (value.length === 0 || value.length > MAX_LOCALE_LENGTH) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks the body and returns a copy the bot can trust on these points (an invalid locale is dropped, not refused). */
export function checkActivity(body: unknown): ActivityCheck {
  if (!isObject(body) || typeof body.type !== 'string' || body.type === '') {
    return { ok: false, problem: 'the body must be a JSON activity with a type' };
  }
  if (badId(body.id) || badId(body.replyToId) || badId(body.channelId)) return { ok: false, problem: 'activity ids must be strings' };
  const { conversation, from, recipient } = body;
  if (!isObject(conversation) || typeof conversation.id !== 'string' || conversation.id === '' || badId(conversation.id)) {
    return { ok: false, problem: 'conversation.id must be a non-empty string' };
  }
  for (const account of [from, recipient]) {
    if (account === undefined || account === null) continue;
    if (!isObject(account) || badId(account.id)) return { ok: false, problem: 'from.id and recipient.id must be strings' };
  }
  if (body.serviceUrl !== undefined && (typeof body.serviceUrl !== 'string' || !isHttpUrl(body.serviceUrl))) {
    return { ok: false, problem: 'serviceUrl must be an http(s) URL' };
  }
  const activity = { ...body };
  if (activity.locale !== undefined && (typeof activity.locale !== 'string' || !isLanguageTag(activity.locale))) delete activity.locale;
  return { ok: true, activity };
}
