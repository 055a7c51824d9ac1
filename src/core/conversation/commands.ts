/**
 * The one command table: what a user can type that is a command rather than a
 * question or an answer, everywhere in the conversation (also inside a form, where
 * "english please" must switch the language rather than become a name). Whole
 * messages only, so a question that merely contains "menu" still reaches the
 * knowledge base; compared in the folded words of the message (fold.ts, `foldPhrase`).
 */
import type { Lang } from '../knowledge/types';
import { phraseOf, textOf, type Utterance } from '../language/utterance';

export type Command =
  | { kind: 'lang'; lang: Lang }
  /** Explain what to do: the list of topics, or inside a form the current question's help. */
  | { kind: 'help' }
  /** Back to the topics; inside a form this leaves the form. */
  | { kind: 'menu' }
  | { kind: 'cancel' }
  | { kind: 'handoff' }
  | { kind: 'deleteData' };

// Recognition vocabulary in folded form (no accents, lower case); never shown to users.
const PHRASES: ReadonlyArray<[Command, readonly string[]]> = [
  [
    { kind: 'lang', lang: 'en' },
    ['english', 'in english', 'english please', 'tieng anh', 'speak english', 'noi tieng anh'],
  ],
  [
    { kind: 'lang', lang: 'vi' },
    ['tieng viet', 'vietnamese', 'in vietnamese', 'vietnamese please', 'noi tieng viet'],
  ],
  [
    { kind: 'help' },
    ['help', 'help me', 'giup', 'tro giup', 'giup do', 'giup em', 'giup toi', 'giup minh', 'huong dan'],
  ],
  [{ kind: 'menu' }, ['menu', 'main menu', 'start', 'bat dau', 'chu de', 'cac chu de']],
  [{ kind: 'cancel' }, ['cancel', 'huy', 'huy bo', 'thoi', 'stop', 'dung lai', 'quit', 'exit', 'thoat']],
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
      'gap nhan vien tu van',
      'noi chuyen voi nguoi',
      'noi chuyen voi nhan vien',
      'gap tu van vien',
      'tu van vien',
      'nhan vien tu van',
    ],
  ],
  [
    { kind: 'deleteData' },
    [
      'xoa du lieu',
      'xoa du lieu cua toi',
      'xoa du lieu cua em',
      'xoa du lieu cua minh',
      'xoa thong tin cua toi',
      'xoa thong tin cua em',
      'delete my data',
      'delete my information',
      'erase my data',
      'forget me',
    ],
  ],
];

const LOOKUP = new Map<string, Command>(
  PHRASES.flatMap(([command, phrases]) => phrases.map((phrase): [string, Command] => [phrase, command])),
);

/** The command a whole message expresses, or null when it is an ordinary message. */
export function recogniseCommand(message: string | Utterance): Command | null {
  // "?" alone asks for help; folding would leave nothing of it.
  if (textOf(message).trim() === '?') return { kind: 'help' };
  return LOOKUP.get(phraseOf(message)) ?? null;
}
