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
].map((cue) => ({ tokens: tokenize(normalizeVietnamese(cue)), accentSensitive: hasVietnameseLetters(cue) }));

/** "parent" when the message is written by someone asking about their child. */
export function audienceOf(message: string | Pick<Utterance, 'tokens'>): Audience | undefined {
  const tokens = typeof message === 'string' ? tokenize(normalizeVietnamese(message)) : message.tokens;
  for (let at = 0; at < tokens.length; at++) {
    for (const cue of PARENT_CUES) {
      if (at + cue.tokens.length > tokens.length) continue;
      const matches = cue.tokens.every((token, offset) => (cue.accentSensitive ? tokens[at + offset] === token : fold(tokens[at + offset]) === fold(token)));
      if (matches) return 'parent';
    }
  }
  return undefined;
}
