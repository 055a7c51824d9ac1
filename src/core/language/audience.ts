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

const PARENT_CUES = [
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
].map(cueOf);

/**
 * Relatives, teachers and friends asking for someone else, and the parents' cues that could
 * also be a student's own words typed without accents ("con toi" is "con tôi", my child, or
 * "còn tôi", and me): enough to read a message as asked for someone, not to address a parent.
 */
const SOMEONE_ELSE_CUES = [
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
].map(cueOf);

interface Cue {
  tokens: string[];
  accentSensitive: boolean;
}

function cueOf(cue: string): Cue {
  return { tokens: tokenize(normalizeVietnamese(cue)), accentSensitive: hasVietnameseLetters(cue) };
}

function tokensOf(message: string | Pick<Utterance, 'tokens'>): readonly string[] {
  return typeof message === 'string' ? tokenize(normalizeVietnamese(message)) : message.tokens;
}

function hasCue(tokens: readonly string[], cues: readonly Cue[]): boolean {
  for (let at = 0; at < tokens.length; at++) {
    for (const cue of cues) {
      if (at + cue.tokens.length > tokens.length) continue;
      const matches = cue.tokens.every((token, offset) => (cue.accentSensitive ? tokens[at + offset] === token : fold(tokens[at + offset]) === fold(token)));
      if (matches) return true;
    }
  }
  return false;
}

/** "parent" when the message is written by someone asking about their child. */
export function audienceOf(message: string | Pick<Utterance, 'tokens'>): Audience | undefined {
  return hasCue(tokensOf(message), PARENT_CUES) ? 'parent' : undefined;
}

/** The message asks for someone else: a parent's, a relative's, a teacher's (the matcher offers what it and BM25 agree on). */
export function asksForSomeoneElse(message: string | Pick<Utterance, 'tokens'>): boolean {
  const tokens = tokensOf(message);
  return hasCue(tokens, PARENT_CUES) || hasCue(tokens, SOMEONE_ELSE_CUES);
}
