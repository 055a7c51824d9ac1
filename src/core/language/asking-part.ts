/**
 * Finds the part of a long message that asks. Students and parents tell their situation
 * first ("Em ở Gia Lai, nhà có bốn anh em, … cho em hỏi …") and ask last; the story is
 * context, the question is what the bot must answer. Sentences that ask are recognised by
 * a question mark, by an asking phrase ("cho em hỏi", "xin hỏi", "I'd like to know") or
 * by a question word; the text from the first asking sentence on is the asking part.
 */
import { fold } from './fold';
import { toNfc } from './normalize';
import { isQuestionWord, QUESTION_WORDS } from './question-words';

/** Phrases that introduce the question itself, folded (no accents). */
const ASK_OPENERS = [
  'cho em hoi', 'cho minh hoi', 'cho toi hoi', 'cho chau hoi', 'cho con hoi', 'cho hoi', 'xin hoi', 'em muon hoi', 'toi muon hoi',
  'minh muon hoi', 'muon hoi', 'em hoi', 'cho e hoi', 'cho m hoi', 'ad cho em hoi', 'em muon biet', 'toi muon biet', 'minh muon biet',
  'i want to know', 'i would like to know', "i'd like to know", 'i wanted to ask', 'i want to ask', 'my question is', 'can you tell me',
  'could you tell me', 'please tell me', 'i was wondering', 'just wondering', 'wondering',
];

/** Words, folded, that close a question politely after its question word ("… không vậy ạ", "… gì ad"). */
const TRAILING_PARTICLES = new Set(['a', 'ah', 'ak', 'ha', 'ad', 'admin', 'vay', 'z', 'nhe', 'nha', 'nhi', 'anh', 'chi', 'em', 'ban', 'oi', 'shop', 'the']);

/** Two-word question endings, folded, whose last word alone asks nothing ("bao lâu", "bao giờ"). */
const QUESTION_ENDINGS = new Set(['bao lau', 'bao gio', 'the nao', 'ra sao']);

export interface AskingPart {
  /** The asking sentences, or the whole text when nothing marks a question. */
  text: string;
  /** True when the asking part is shorter than the message (a story came first). */
  trimmed: boolean;
  /** The text folded (fold.ts), when the reader had it: the message is folded once per turn. */
  folded?: string;
}

const SENTENCE = /[^.!?\n;…]+[.!?\n;…]*/gu;

/** The asking part of a message (folded here; an Utterance passes its own fold to askingPartOf). */
export function askingPart(message: string): AskingPart {
  const text = toNfc(message).trim();
  return askingPartOf(text, fold(text));
}

/**
 * The asking part of `text` (NFC, trimmed), given its fold: a position in the fold is a
 * position in the text (fold.ts), so each sentence's folded form is a slice of it.
 */
export function askingPartOf(text: string, folded: string): AskingPart {
  const sentences = sentencesOf(text, folded);
  if (sentences.length <= 1) return fromOpener(text, folded);
  const asking = sentences.findIndex(isAsking);
  if (asking === 0) return { text, trimmed: false, folded };
  if (asking < 0) return fromOpener(text, folded);
  // A short question leans on the sentence before it ("Nghe nói Microsoft cho sinh viên dùng
  // đám mây miễn phí. Cần điều kiện gì ạ?", "My daughter heard about X. Is she eligible?").
  const from = wordCount(sentences.slice(asking)) < MIN_ASKING_WORDS ? asking - 1 : asking;
  if (from === 0) return { text, trimmed: false, folded };
  const kept = sentences.slice(from);
  return { text: kept.map((sentence) => sentence.text).join(' '), trimmed: true, folded: kept.map((sentence) => sentence.folded).join(' ') };
}

/** The sentences of a message that ask something, in order (two questions in one message give two). */
export function askingSentences(message: string): string[] {
  const text = toNfc(message).trim();
  return askingSentencesOf(text, fold(text));
}

/** askingSentences of `text` (NFC, trimmed), given its fold. */
export function askingSentencesOf(text: string, folded: string): string[] {
  return sentencesOf(text, folded)
    .filter(isAsking)
    .map((sentence) => sentence.text);
}

/** An asking part of fewer words takes the sentence before it too: it seldom names its subject itself. */
const MIN_ASKING_WORDS = 12;

function wordCount(sentences: Sentence[]): number {
  return sentences.reduce((sum, sentence) => sum + (sentence.folded.match(/[a-z0-9']+/g) ?? []).length, 0);
}

interface Sentence {
  text: string;
  folded: string;
}

/** The non-empty sentences of the text, trimmed, each with its slice of the fold. */
function sentencesOf(text: string, folded: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const start = match.index + (match[0].length - match[0].trimStart().length);
    const trimmed = match[0].trim();
    if (trimmed.length > 0) sentences.push({ text: trimmed, folded: folded.slice(start, start + trimmed.length) });
  }
  return sentences;
}

function isAsking({ text, folded }: Sentence): boolean {
  if (text.includes('?')) return true;
  if (ASK_OPENERS.some((opener) => openerAt(folded, opener) >= 0)) return true;
  const words = folded.match(/[a-z0-9']+/g) ?? [];
  // A question word at the end ("… được không", "… bao nhiêu", "… bao lâu vậy ạ") or an English one at the start.
  let end = words.length;
  while (end > 1 && TRAILING_PARTICLES.has(words[end - 1])) end--;
  const last = words[end - 1];
  const lastTwo = words.slice(Math.max(0, end - 2), end).join(' ');
  return (last !== undefined && (isQuestionWord(last) || QUESTION_ENDINGS.has(lastTwo))) || (words[0] !== undefined && QUESTION_WORDS.en.has(words[0]));
}

/** In one long sentence, the question starts at its asking phrase ("…, cho em hỏi …"). */
function fromOpener(text: string, folded: string): AskingPart {
  let at = -1;
  for (const opener of ASK_OPENERS) {
    const found = openerAt(folded, opener);
    if (found > 0 && (at < 0 || found < at)) at = found;
  }
  if (at <= 0) return { text, trimmed: false, folded };
  const start = at + (text.slice(at).length - text.slice(at).trimStart().length);
  const asked = text.slice(at).trim();
  return { text: asked, trimmed: true, folded: folded.slice(start, start + asked.length) };
}

/**
 * The question itself, without the phrase that introduces it: "Tôi muốn hỏi học ở PN mất
 * mấy năm?" asks "học ở PN mất mấy năm?", "Hi, I wanted to ask: is the dorm free?" asks
 * "is the dorm free?". The asking phrase says only that a question follows, and its words
 * ("tôi", "muốn", "want") are the story's words too. Only an asking phrase near the start
 * (in the first sentence, after at most a greeting's few words) is left out, and never when
 * nothing would be left.
 */
export function withoutAskingPhrase(text: string, folded = fold(text)): string {
  let cut = -1;
  for (const opener of ASK_OPENERS) {
    const at = openerAt(folded, opener);
    const before = folded.slice(0, Math.max(at, 0));
    if (at < 0 || /[?.!\n]/.test(before) || (before.match(/[a-z0-9']+/g) ?? []).length > MAX_WORDS_BEFORE_OPENER) continue;
    cut = Math.max(cut, at + opener.length);
  }
  if (cut < 0) return text;
  const question = text.slice(cut).replace(/^[\s:,.-]*(?:(?:là|la|that|if|whether)\s+)?/iu, '').trim();
  return /[\p{L}\p{N}]/u.test(question) ? question : text;
}

/** Words a greeting may take before the asking phrase ("Dạ em chào ad, cho em hỏi …"). */
const MAX_WORDS_BEFORE_OPENER = 5;

/** Each asking phrase as whole words ("em hoi" is not inside "xem hoi"), compiled once. */
const OPENER_PATTERNS = new Map(ASK_OPENERS.map((opener) => [opener, new RegExp(`(^|[^a-z0-9])${opener}(?![a-z0-9])`)]));

/** Where an asking phrase starts as whole words, or -1. */
function openerAt(folded: string, opener: string): number {
  const match = (OPENER_PATTERNS.get(opener) as RegExp).exec(folded);
  return match ? match.index + match[1].length : -1;
}
