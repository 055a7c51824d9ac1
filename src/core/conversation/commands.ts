/**
 * The few things a user can type that are commands rather than questions:
 * a language switch, help/menu, cancel, asking for a person, and deleting one's data. Whole-message
 * matches only, so a question that merely contains "menu" still reaches the
 * knowledge base. Accents, case and punctuation are ignored ("Tiếng Việt!" = "tieng viet").
 */
import { foldDiacritics } from '../language/normalize';
import type { Lang } from '../knowledge/types';

export type Command =
  | { kind: 'lang'; lang: Lang }
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'handoff' }
  | { kind: 'deleteData' };

const PHRASES: ReadonlyArray<[Command, readonly string[]]> = [
  [{ kind: 'lang', lang: 'en' }, ['english', 'in english', 'english please', 'tieng anh', 'speak english']],
  [
    { kind: 'lang', lang: 'vi' },
    ['tieng viet', 'vietnamese', 'in vietnamese', 'vietnamese please', 'noi tieng viet'],
  ],
  [{ kind: 'help' }, ['menu', 'help', 'giup', 'tro giup', 'giup do', 'giup em', 'giup toi', 'main menu', 'start', 'bat dau']],
  [{ kind: 'cancel' }, ['cancel', 'huy', 'huy bo', 'thoi', 'stop', 'dung lai', 'quit', 'exit']],
  [
    { kind: 'handoff' },
    [
      'talk to a person',
      'talk to a human',
      'talk to someone',
      'speak to a person',
      'speak to a human',
      'human',
      'agent',
      'real person',
      'gap nguoi that',
      'gap nhan vien',
      'noi chuyen voi nguoi',
      'noi chuyen voi nhan vien',
      'gap tu van vien',
      'tu van vien',
      'nhan vien tu van',
    ],
  ],
  [
    { kind: 'deleteData' },
    ['xoa du lieu', 'xoa du lieu cua toi', 'xoa du lieu cua em', 'xoa du lieu cua minh', 'xoa thong tin cua toi', 'xoa thong tin cua em', 'delete my data', 'delete my information', 'erase my data', 'forget me'],
  ],
];

const LOOKUP = new Map<string, Command>(
  PHRASES.flatMap(([command, phrases]) => phrases.map((phrase): [string, Command] => [phrase, command])),
);

/** Lowercase, accent-free, punctuation and emoji dropped, single spaces. */
export function commandKey(text: string): string {
  return foldDiacritics(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The command a whole message expresses, or null when it is an ordinary message. */
export function recogniseCommand(text: string): Command | null {
  return LOOKUP.get(commandKey(text)) ?? null;
}
