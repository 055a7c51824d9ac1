/**
 * What an activity must look like before it reaches the adapter: ids are strings (an
 * object id became "[object Object]", one conversation shared by every such client), the
 * conversation has an id, the service URL is an http(s) URL, and the locale is a BCP-47
 * tag (an invalid one was echoed back in every reply), and every other field the bot or
 * the SDK reads has its type (text a string, membersAdded a list of members with string
 * ids...). A refusal names the field: nothing from the request is echoed back.
 */

const MAX_ID_LENGTH = 512;
const MAX_LOCALE_LENGTH = 64;

/** A refused activity names the first field that is wrong (a fixed path, never the value sent). */
export type ActivityCheck = { ok: true; activity: Record<string, unknown> } | { ok: false; field: string };

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

/** A list of objects with string ids, when present: membersAdded, membersRemoved. */
function badMembers(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return !Array.isArray(value) || value.some((member) => !isObject(member) || typeof member.id !== 'string' || badId(member.id));
}

/** A list of objects, when present: attachments, entities, reactions. */
function badObjectList(value: unknown): boolean {
  return value !== undefined && value !== null && (!Array.isArray(value) || value.some((item) => !isObject(item)));
}

/** A string, when present. */
function badText(value: unknown): boolean {
  return value !== undefined && value !== null && typeof value !== 'string';
}

/**
 * The first field the bot or the SDK reads that has the wrong type, or undefined. A wrong
 * type used to fail the turn inside the SDK ("(text ?? "").trim is not a function"): the
 * user got the apology and the log a stack, for every such request anyone cared to send.
 */
function wrongField(body: Record<string, unknown>): string | undefined {
  if (typeof body.type !== 'string' || body.type === '') return 'type';
  for (const field of ['id', 'replyToId', 'channelId'] as const) if (badId(body[field])) return field;
  const { conversation, from, recipient } = body;
  if (!isObject(conversation) || typeof conversation.id !== 'string' || conversation.id === '' || badId(conversation.id)) return 'conversation.id';
  if (badText(conversation.conversationType)) return 'conversation.conversationType';
  for (const [name, account] of [['from', from], ['recipient', recipient]] as const) {
    if (account === undefined || account === null) continue;
    if (!isObject(account) || badId(account.id)) return `${name}.id`;
    if (badText(account.name)) return `${name}.name`;
  }
  if (body.serviceUrl !== undefined && (typeof body.serviceUrl !== 'string' || !isHttpUrl(body.serviceUrl))) return 'serviceUrl';
  for (const field of ['text', 'name', 'deliveryMode', 'textFormat'] as const) if (badText(body[field])) return field;
  for (const field of ['membersAdded', 'membersRemoved'] as const) if (badMembers(body[field])) return field;
  for (const field of ['attachments', 'entities', 'reactionsAdded', 'reactionsRemoved'] as const) if (badObjectList(body[field])) return field;
  if (body.channelData !== undefined && body.channelData !== null && !isObject(body.channelData)) return 'channelData';
  return undefined;
}

/** Checks the body and returns a copy the bot can trust on these points (an invalid locale is dropped, not refused). */
export function checkActivity(body: unknown): ActivityCheck {
  if (!isObject(body)) return { ok: false, field: 'body' };
  const field = wrongField(body);
  if (field !== undefined) return { ok: false, field };
  const activity = { ...body };
  if (activity.locale !== undefined && (typeof activity.locale !== 'string' || !isLanguageTag(activity.locale))) delete activity.locale;
  return { ok: true, activity };
}
