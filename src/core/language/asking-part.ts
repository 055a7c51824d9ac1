/**
 * Finds the part of a long message that asks. Students and parents tell their situation
 * first ("Em ở Gia Lai, nhà có bốn anh em, … cho em hỏi …") and ask last; the story is
 * context, the question is what the bot must answer. Sentences that ask are recognised by
 * a question mark, by an asking phrase ("cho em hỏi", "xin hỏi", "I'd like to know") or
 * by a question word; the text from the first asking sentence on is the asking part.
 */
import { foldDiacritics, isAscii, toNfc } from './normalize';

/** Phrases that introduce the question itself, folded (no accents). */
const ASK_OPENERS = [
  'cho em hoi', 'cho minh hoi', 'cho toi hoi', 'cho chau hoi', 'cho con hoi', 'cho hoi', 'xin hoi', 'em muon hoi', 'toi muon hoi',
  'minh muon hoi', 'muon hoi', 'em hoi', 'cho e hoi', 'cho m hoi', 'ad cho em hoi', 'em muon biet', 'toi muon biet', 'minh muon biet',
  'i want to know', 'i would like to know', "i'd like to know", 'i wanted to ask', 'i want to ask', 'my question is', 'can you tell me',
  'could you tell me', 'please tell me', 'i was wondering', 'just wondering', 'wondering',
];

/** Question words, folded, that make a sentence a question even without "?". */
const QUESTION_WORDS = new Set([
  // Not "ạ": polite statements end with it too ("Em cảm ơn ạ.").
  'gi', 'j', 'nao', 'sao', 'dau', 'may', 'khong', 'ko', 'k', 'hok', 'chua', 'ntn', 'bnhiu', 'bao', 'nhieu', 'khi',
  'what', 'how', 'when', 'where', 'who', 'which', 'why', 'can', 'could', 'do', 'does', 'is', 'are', 'should', 'will', 'would', 'wat', 'any',
]);

export interface AskingPart {
  /** The asking sentences, or the whole text when nothing marks a question. */
  text: string;
  /** True when the asking part is shorter than the message (a story came first). */
  trimmed: boolean;
}

const SENTENCE = /[^.!?\n;…]+[.!?\n;…]*/gu;

export function askingPart(message: string): AskingPart {
  const text = toNfc(message).trim();
  const sentences = (text.match(SENTENCE) ?? [text]).map((sentence) => sentence.trim()).filter((sentence) => sentence.length > 0);
  if (sentences.length <= 1) return fromOpener(text);
  const asking = sentences.findIndex(isAsking);
  if (asking === 0) return { text, trimmed: false };
  if (asking < 0) return fromOpener(text);
  return { text: sentences.slice(asking).join(' '), trimmed: true };
}

/** The sentences of a message that ask something, in order (two questions in one message give two). */
export function askingSentences(message: string): string[] {
  const text = toNfc(message).trim();
  return (text.match(SENTENCE) ?? []).map((sentence) => sentence.trim()).filter((sentence) => sentence.length > 0 && isAsking(sentence));
}

function isAsking(sentence: string): boolean {
  if (sentence.includes('?')) return true;
  const folded = fold(sentence);
  if (ASK_OPENERS.some((opener) => openerAt(folded, opener) >= 0)) return true;
  const words = folded.match(/[a-z0-9']+/g) ?? [];
  // A question word at the end ("… được không", "… bao nhiêu") or an English one at the start.
  const last = words[words.length - 1];
  return (last !== undefined && QUESTION_WORDS.has(last)) || (words[0] !== undefined && /^(what|how|when|where|who|which|why|can|could|do|does|is|are|should)$/.test(words[0]));
}

/** In one long sentence, the question starts at its asking phrase ("…, cho em hỏi …"). */
function fromOpener(text: string): AskingPart {
  const folded = fold(text);
  let at = -1;
  for (const opener of ASK_OPENERS) {
    const found = openerAt(folded, opener);
    if (found > 0 && (at < 0 || found < at)) at = found;
  }
  if (at <= 0) return { text, trimmed: false };
  return { text: text.slice(at).trim(), trimmed: true };
}

/** Each asking phrase as whole words ("em hoi" is not inside "xem hoi"), compiled once. */
const OPENER_PATTERNS = new Map(ASK_OPENERS.map((opener) => [opener, new RegExp(`(^|[^a-z0-9])${opener}(?![a-z0-9])`)]));

/** Where an asking phrase starts as whole words, or -1. */
function openerAt(folded: string, opener: string): number {
  const match = (OPENER_PATTERNS.get(opener) as RegExp).exec(folded);
  return match ? match.index + match[1].length : -1;
}

/**
 * Lower case without accents, one character for one: positions found in it are positions
 * in the message (plain foldDiacritics may drop stray combining marks and shift them).
 */
function fold(text: string): string {
  // ASCII folds to itself, character for character.
  if (isAscii(text)) return text.toLowerCase();
  return Array.from(text.toLowerCase(), (char) => (foldDiacritics(char) || ' ').slice(0, char.length).padEnd(char.length, ' ')).join('');
}
