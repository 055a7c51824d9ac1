/**
 * What a user can say inside any flow besides answering: stop, ask for help, or
 * switch language. Only whole messages count ("hủy" stops, "hủy đăng ký" does not).
 */
import { foldAnswer } from './fold';
import type { Lang } from './types';

export type FlowCommand = { kind: 'cancel' } | { kind: 'help' } | { kind: 'language'; lang: Lang };

// Folded forms (no diacritics, lower case): "hủy"/"huỷ"/"huy" -> "huy", "thôi" -> "thoi".
const CANCEL = new Set(['cancel', 'stop', 'quit', 'exit', 'huy', 'huy bo', 'thoi', 'dung lai', 'thoat']);
const HELP = new Set(['help', '?', 'help me', 'giup', 'giup do', 'giup toi', 'tro giup', 'huong dan']);
const LANGUAGE: Record<string, Lang> = {
  english: 'en',
  'in english': 'en',
  'tieng anh': 'en',
  'tieng viet': 'vi',
  vietnamese: 'vi',
  'in vietnamese': 'vi',
};

export function detectFlowCommand(text: string): FlowCommand | undefined {
  const folded = foldAnswer(text);
  if (text.trim() === '?') return { kind: 'help' };
  if (CANCEL.has(folded)) return { kind: 'cancel' };
  if (HELP.has(folded)) return { kind: 'help' };
  const lang = LANGUAGE[folded];
  return lang ? { kind: 'language', lang } : undefined;
}
