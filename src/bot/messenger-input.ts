/**
 * What a Messenger message carries besides its text. Azure Bot Service passes Facebook's
 * webhook event as channelData: a tapped quick reply arrives as a message whose text is
 * the title and whose `channelData.message.quick_reply.payload` is the payload we set (the
 * button's value as JSON, render-plain.ts); a postback (the "Get Started" button, a
 * template's button) as `channelData.postback.payload`. The payload comes from the network:
 * it is only parsed here, and the engine validates it (parseButtonValue) like any click.
 */

/** The payload a school sets on its page's "Get Started" button (deployment README). */
export const GET_STARTED_PAYLOAD = 'GET_STARTED';

/** Facebook allows 1,000 characters in a payload; a longer one is not one the bot made. */
const MAX_PAYLOAD = 1000;

export type MessengerInput = { kind: 'getStarted' } | { kind: 'message'; value?: unknown };

export function readMessengerInput(channelData: unknown, text: string | undefined): MessengerInput {
  const payload = quickReplyPayload(channelData) ?? postbackPayload(channelData);
  if (isGetStarted(payload) || (payload === undefined && isGetStarted(text))) return { kind: 'getStarted' };
  if (payload === undefined || payload.length > MAX_PAYLOAD) return { kind: 'message' };
  try {
    return { kind: 'message', value: JSON.parse(payload) as unknown };
  } catch {
    // Not a payload of ours (an older button, another app's): the text (its title) is read instead.
    return { kind: 'message' };
  }
}

function isGetStarted(text: string | undefined): boolean {
  return text?.trim().toUpperCase() === GET_STARTED_PAYLOAD;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function quickReplyPayload(channelData: unknown): string | undefined {
  return asString(field(field(field(channelData, 'message'), 'quick_reply'), 'payload'));
}

function postbackPayload(channelData: unknown): string | undefined {
  return asString(field(field(channelData, 'postback'), 'payload'));
}
