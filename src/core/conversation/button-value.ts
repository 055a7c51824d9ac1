/**
 * What a button carries in `activity.value` (imBack/messageBack value or Adaptive
 * Card Action.Submit data). Clicks are routed by these ids, never by text matching,
 * so a button keeps working whatever language its title is in.
 */
import type { Lang } from '../knowledge/types';

export type ButtonValue =
  /**
   * An area's entries, or the list of areas when `area` is absent. `from` lists the area's
   * questions from that position on: the "more" button of a channel that shows fewer buttons.
   */
  | { action: 'menu'; area?: string; from?: number }
  | { action: 'lang'; lang: Lang }
  | { action: 'entry'; id: string }
  | { action: 'feedback'; id: string; vote: 'up' | 'down' }
  | { action: 'flow'; flow: string }
  /** "None of these" under a did-you-mean. */
  | { action: 'none' }
  | { action: 'handoff' }
  /** An answer to a form question by id: a choice id, or "yes"/"no" for a yes/no question. */
  | { action: 'answer'; step: string; value: string }
  /** The answer to "delete all my data?". */
  | { action: 'deleteData'; confirm: boolean };

type Fields = Record<string, unknown>;

/** No area has this many questions; a larger position is not one the bot made. */
const MAX_MENU_FROM = 1000;

const text = (fields: Fields, key: string): string | undefined => {
  const value = fields[key];
  return typeof value === 'string' && value.trim() !== '' && value.length <= 200 ? value.trim() : undefined;
};

/** Validates an untrusted `activity.value`; anything unknown or malformed gives null. */
export function parseButtonValue(value: unknown): ButtonValue | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value as Fields;
  switch (fields.action) {
    case 'menu': {
      const area = text(fields, 'area');
      if (!area) return { action: 'menu' };
      const from = fields.from;
      // A position in a list of questions: a small whole number, anything else shows the list from its start.
      return Number.isInteger(from) && (from as number) > 0 && (from as number) <= MAX_MENU_FROM ? { action: 'menu', area, from: from as number } : { action: 'menu', area };
    }
    case 'lang':
      return fields.lang === 'vi' || fields.lang === 'en' ? { action: 'lang', lang: fields.lang } : null;
    case 'entry': {
      const id = text(fields, 'id');
      return id ? { action: 'entry', id } : null;
    }
    case 'feedback': {
      const id = text(fields, 'id');
      const vote = fields.vote;
      return id && (vote === 'up' || vote === 'down') ? { action: 'feedback', id, vote } : null;
    }
    case 'flow': {
      const flow = text(fields, 'flow');
      return flow ? { action: 'flow', flow } : null;
    }
    case 'none':
      return { action: 'none' };
    case 'handoff':
      return { action: 'handoff' };
    case 'answer': {
      const step = text(fields, 'step');
      const answer = text(fields, 'value');
      return step && answer ? { action: 'answer', step, value: answer } : null;
    }
    case 'deleteData':
      return typeof fields.confirm === 'boolean' ? { action: 'deleteData', confirm: fields.confirm } : null;
    default:
      return null;
  }
}
