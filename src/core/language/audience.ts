/**
 * Who is writing: a parent (or grandparent, aunt, teacher) asking about a child, told from
 * how they write ("con tôi", "cháu nhà tôi", "tôi là phụ huynh", "my son"). The conversation
 * keeps it, so answers use an entry's parent wording and flows ask about the child
 * ("Cháu năm nay bao nhiêu tuổi?") instead of the person typing.
 *
 * Cues are word sequences on the normalised message. One written with accents matches only
 * that spelling ("con tôi" is not "còn tôi", "and me"); the unaccented spellings listed
 * also match typing without accents, where the two cannot be told apart anyway.
 */
import { fold } from './fold';
import type { Utterance } from './utterance';
import { hasVietnameseLetters, normalizeVietnamese, tokenize } from './normalize';

export type Audience = 'parent';

const PARENT_CUES = cueTable([
  // Vietnamese: my child, my grandchild, I am the parent
  'con tôi',
  'con trai tôi',
  'con gái tôi',
  'con nhà tôi',
  'cháu nhà tôi',
  'cháu tôi',
  'con của tôi',
  'tôi là phụ huynh',
  'phụ huynh học sinh',
  'tôi là bố',
  'tôi là mẹ',
  'tôi là ba',
  'con mình',
  'bé nhà mình',
  'con nhà mình',
  'cháu nhà mình',
  'con bác',
  'cháu bác',
  'cháu bà',
  'cháu ông',
  'con trai toi',
  'con gai toi',
  'chau nha toi',
  'con nha toi',
  'phu huynh hoc sinh',
  'toi la phu huynh',
  // How parents name the child and themselves ("thằng bé", "cháu nó", "mẹ cháu"), accented and not
  'thằng bé',
  'thằng cu',
  'con bé',
  'đứa nhỏ nhà tôi',
  'cháu nó',
  'vợ chồng tôi',
  'mẹ cháu',
  'bố cháu',
  'ba cháu',
  'mẹ của cháu',
  'bố của cháu',
  'thang be',
  'thang cu',
  'dua nho nha toi',
  'chau no',
  'vo chong toi',
  'toi la bo',
  'toi la me',
  'me cua chau',
  'bo cua chau',
  // English
  'my son',
  'my daughter',
  'my child',
  'my children',
  'my kid',
  'my kids',
  'my grandson',
  'my granddaughter',
  'my nephew',
  'my niece',
  'as a parent',
  'i am a parent',
  'im a parent',
  "i'm a parent",
  'my boy',
  'my grandchild',
  'our son',
  'our daughter',
  'our child',
  "i'm his father",
  "i'm her father",
  "i'm his mother",
  "i'm her mother",
]);

/**
 * Relatives, teachers and friends asking for someone else, and the parents' cues that could
 * also be a student's own words typed without accents ("con toi" is "con tôi", my child, or
 * "còn tôi", and me): enough to read a message as asked for someone, not to address a parent.
 */
const SOMEONE_ELSE_CUES = cueTable([
  'con toi',
  'chau toi',
  'em họ',
  'em tôi',
  'em trai tôi',
  'em gái tôi',
  'học trò',
  'học sinh của tôi',
  'cô là giáo viên',
  'em ho',
  'em trai toi',
  'em gai toi',
  'hoc tro',
  'my cousin',
  'my brother',
  'my sister',
  'my student',
  'my students',
  'my friend',
  'my grandson',
  'my granddaughter',
]);

interface Cue {
  tokens: string[];
  /** The tokens folded: a token of the message is compared with them when the cue is not accent-sensitive. */
  folded: string[];
  accentSensitive: boolean;
}

/** Cues by their first token folded: only the cues whose first word can match are tried at a position. */
type CueTable = ReadonlyMap<string, readonly Cue[]>;

function cueOf(cue: string): Cue {
  const tokens = tokenize(normalizeVietnamese(cue));
  return { tokens, folded: tokens.map(fold), accentSensitive: hasVietnameseLetters(cue) };
}

function cueTable(cues: readonly string[]): CueTable {
  const table = new Map<string, Cue[]>();
  for (const cue of cues.map(cueOf)) {
    const first = cue.folded[0];
    table.set(first, [...(table.get(first) ?? []), cue]);
  }
  return table;
}

function tokensOf(message: string | Pick<Utterance, 'tokens'>): readonly string[] {
  return typeof message === 'string' ? tokenize(normalizeVietnamese(message)) : message.tokens;
}

/**
 * A cue's words at some position of the message. Each token is folded once, not once per
 * cue: this runs on every message, and a long one has a hundred tokens.
 */
function hasCue(tokens: readonly string[], folded: readonly string[], cues: CueTable): boolean {
  for (let at = 0; at < tokens.length; at++) {
    const starting = cues.get(folded[at]);
    if (starting === undefined) continue;
    for (const cue of starting) {
      if (at + cue.tokens.length > tokens.length) continue;
      const source = cue.accentSensitive ? tokens : folded;
      const words = cue.accentSensitive ? cue.tokens : cue.folded;
      if (words.every((word, offset) => source[at + offset] === word)) return true;
    }
  }
  return false;
}

/** "parent" when the message is written by someone asking about their child. */
export function audienceOf(message: string | Pick<Utterance, 'tokens'>): Audience | undefined {
  const tokens = tokensOf(message);
  return hasCue(tokens, tokens.map(fold), PARENT_CUES) ? 'parent' : undefined;
}

/** The message asks for someone else: a parent's, a relative's, a teacher's (the matcher offers what it and BM25 agree on). */
export function asksForSomeoneElse(message: string | Pick<Utterance, 'tokens'>): boolean {
  const tokens = tokensOf(message);
  const folded = tokens.map(fold);
  return hasCue(tokens, folded, PARENT_CUES) || hasCue(tokens, folded, SOMEONE_ELSE_CUES);
}
