/**
 * Keeping the thread: what an elliptical follow-up does with the answer before it.
 *
 * - "còn X thì sao", "thế còn X", "X thì sao", "what about X": the same question about
 *   another thing. The previous question is asked again with its subject replaced by X
 *   (or X added when it named none); an X that is one of the things we do not answer for
 *   (Korea, AWS) is refused rather than answered as ours.
 * - "cái đó", "bên đó", "nó", "it", "there": the thing the last answer was about. The
 *   pronoun is replaced by the last one it named (PTIT, JLPT, Philippines) and the
 *   message is read with it.
 * - "sao vậy", "thật ko", "why?", "really?": a reaction to the answer. Nothing is matched;
 *   the bot says what it can tell about that answer and offers it again with its follow-ups.
 *
 * Everything here reads the normalised words (language/normalize.ts) and compares them
 * without accents where the accentless spelling cannot mean something else.
 */
import { fold } from '../language/fold';
import { isTypedWord, type ThreadWords } from '../language/lexicon';
import { normalizeVietnamese, tokenize } from '../language/normalize';
import { isQuestionWord } from '../language/question-words';
import type { Utterance } from '../language/utterance';
import type { Entities, EntityKind } from './entities';
import type { KnowledgeEntry, Lang } from './types';

/** A message: the engine's one reading of it (an Utterance), or a text read here. */
type Message = string | Pick<Utterance, 'normalized' | 'tokens'>;

function formsOf(message: Message): { normalized: string; tokens: readonly string[] } {
  if (typeof message !== 'string') return message;
  const normalized = normalizeVietnamese(message);
  return { normalized, tokens: tokenize(normalized) };
}

/** What a message does with the answer before it. */
export type ThreadMove =
  /** The same question about `subject` (the words standing for X); `rest`: the clauses after "còn X thì sao, ...". */
  | { kind: 'what-about'; subject: string; rest?: string }
  /** Words pointing back, from `at` for `length` words; `more`: other pointing words after it ("they ... there"). */
  | { kind: 'pronoun'; at: number; length: number; word: string; more?: Pointer[] }
  /** "the other prefecture", "tỉnh còn lại": the one other thing of `thing`'s kind we answer for, in place of words `at` for `length`. */
  | { kind: 'other'; at: number; length: number; thing: EntityKind }
  /** A reaction to the answer ("why?", "really?"); `pure` when the message says nothing else, else `rest`: what else it says. */
  | { kind: 'reaction'; pure: boolean; rest?: string }
  | { kind: 'none' };




/** Openers of "the same about X", folded, looked for at the start. */
const WHAT_ABOUT_OPENERS = [['the', 'con'], ['vay', 'con'], ['con', 've'], ['con', 'voi'], ['con'], ['what', 'about'], ['how', 'about'], ['and', 'what', 'about'], ['what', 'of'], ['same', 'for'], ['same', 'with'], ['and', 'for'], ['and', 'with'], ['and', 'in'], ['and']];
/** Closers of "X thì sao", folded, looked for at the end. */
const WHAT_ABOUT_CLOSERS = [['thi', 'sao'], ['thi', 'the', 'nao'], ['thi', 'ntn'], ['thi', 'nhu', 'the', 'nao'], ['thi', 'sao', 'nua'], ['the', 'nao'], ['thi', 'seo'], ['too'], ['as', 'well']];
/** Words that make X a question of its own ("còn thi ở trung tâm thì tốn bao nhiêu tiền"), folded. */
const QUESTION_WORDS = new Set(['bao', 'nhieu', 'may', 'gi', 'nao', 'khi', 'dau', 'ai', 'ko', 'khong', 'k', 'hok', 'chua', 'co', 'duoc', 'dc', 'how', 'what', 'when', 'where', 'who', 'which', 'why', 'is', 'are', 'can', 'do', 'does', 'will', 'much', 'long', 'many']);
/** Words that may begin X but are not its subject ("còn ở Campuchia", "what about in Japan"), folded. */
const SUBJECT_PREPOSITIONS = new Set(['o', 'ben', 'tai', 'cua', 've', 'voi', 'in', 'at', 'for', 'the', 'with', 'on']);
/** At most this many words for X. */
const MAX_SUBJECT_WORDS = 6;

/**
 * Words pointing back. Accented words are pointing whatever else the message says; the
 * accentless pairs only after a word they complete ("ben do", "cho do").
 */
const POINTING_ACCENTED = new Set(['đó', 'đấy', 'ấy', 'nó', 'kia', 'họ']);
const POINTING_FOLDED_PAIRS = new Set(['ben do', 'cho do', 'o do', 'cai do', 'ky do', 'ki do', 'bai do', 'truong do', 'nuoc do', 'ben day', 'cho day', 'cai nay', 'ben kia']);
const POINTING_ENGLISH = new Set(['it', 'its', 'there', 'them', 'they', 'their', 'that', 'this', 'those', 'these']);
/** Pointing words that stand for people or a body (PTIT, PN), never for an exam or a country. */
const POINTING_AT_BODIES = new Set(['họ', 'they', 'them', 'their']);
/** Pointing words that stand for a place or a body ("bên đó", "there"). */
const POINTING_AT_PLACES = new Set(['there', 'kia', 'ben do', 'o do', 'cho do', 'ben kia', 'ben day', 'cho day']);
/** "is there", "are there": no place is meant. */
const EXISTENTIAL_BEFORE = new Set(['is', 'are', 'was', 'were', 'isnt', 'arent']);
/** A contrast ("the other prefecture they went to"): the pronoun is not the thing named before. */
const CONTRAST_WORDS = new Set(['other', 'another', 'else', 'khac']);


/** Nouns for a kind of thing, folded: "the other prefecture", "tỉnh còn lại", "trường kia". */
const KIND_NOUNS: { kind: EntityKind; words: string[] }[] = [
  { kind: 'place', words: ['prefecture', 'prefectures', 'province', 'city', 'tinh', 'thanh pho', 'vung'] },
  { kind: 'country', words: ['country', 'countries', 'nuoc', 'quoc gia'] },
  { kind: 'organisation', words: ['school', 'university', 'company', 'truong', 'cong ty', 'to chuc'] },
];
/** The same nouns as word lists, split once: every follow-up is looked through for them. */
const KIND_NOUN_WORDS = KIND_NOUNS.map(({ kind, words }) => ({ kind, nouns: words.map((phrase) => phrase.split(' ')) }));
/** "other N", "another N" (English, before the noun); "N khác", "N còn lại", "N kia" (Vietnamese, after it); folded. */
const OTHER_BEFORE = new Set(['other', 'another']);
const OTHER_AFTER = [['khac'], ['con', 'lai'], ['kia']];

/** A message this long (in words) at most is a reaction when one of its clauses is one, or it opens with one. */
const MAX_REACTION_WORDS = 8;

/** At most this many words of its own besides the reaction's (its `rest`) in a message of reacting words ("ơ 700 là sao": "700"). */
const MAX_QUIET_REST_WORDS = 2;

/**
 * What the message does with the previous answer, from its normalised words; `lang`: the
 * message's language; `vocabulary`: the words of reactions and the fillers (lexicon.yaml).
 */
export function threadMove(message: Message, lang: Lang, vocabulary: ThreadWords): ThreadMove {
  const { normalized, tokens: words } = formsOf(message);
  const folded = words.map((word) => fold(word));
  const [start, end] = trimFillers(folded, vocabulary);
  const core = folded.slice(start, end);
  // "vậy hả", "thế à": a reaction made only of particles.
  if (core.length === 0) return vocabulary.reactions.some((phrase) => sameWords(phrase, folded)) ? { kind: 'reaction', pure: true } : (quietReaction(words, vocabulary) ?? { kind: 'none' });
  const reaction = reactionOf(normalized, words.slice(start, end), core, vocabulary);
  if (reaction) return reaction;
  // "and the other prefecture?" is not the same question about "other prefecture".
  const other = otherOfKind(folded);
  if (other) return other;
  const [pointer, ...more] = pointingAt(words, folded, lang);
  // "and the second one?": an item of the last answer's list, not the same question about "second one".
  const ordinal = pointer !== undefined && [pointer, ...more].some((found) => found.word === 'ordinal');
  const subject = ordinal ? undefined : whatAboutSubject(words.slice(start, end), core);
  if (subject !== undefined) return { kind: 'what-about', subject };
  const clause = ordinal ? undefined : firstClauseWhatAbout(normalized, vocabulary);
  if (clause) return clause;
  if (pointer) return { kind: 'pronoun', ...pointer, ...(more.length > 0 ? { more } : {}) };
  return quietReaction(words, vocabulary) ?? { kind: 'none' };
}

/**
 * A short message made of words that say only how the answer landed (`quiet`), with one
 * that asks about it (`asking`), and no question word of its own ("bao
 * nhiêu", "khi nào", "how much"; "không" only after "thật", "phải"): a reaction, whatever
 * its particles ("ủa vậy hả", "wow nhiều vậy luôn hả", "ơ thật á", "seriously?? that
 * much?", "oh no, why"). At most MAX_QUIET_REST_WORDS words of its own are its rest.
 */
function quietReaction(words: readonly string[], vocabulary: ThreadWords): ThreadMove | undefined {
  if (words.length === 0 || words.length > MAX_REACTION_WORDS) return undefined;
  const folded = words.map((word) => fold(word));
  let asks = false;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (isTypedWord(vocabulary.asking, words[i])) {
      asks = true;
      continue;
    }
    if (isTypedWord(vocabulary.quiet, words[i]) || vocabulary.leadingFillers.has(folded[i]) || vocabulary.trailingFillers.has(folded[i])) continue;
    if (isQuestionWord(folded[i])) {
      if (i > 0 && vocabulary.confirming.has(folded[i - 1])) continue;
      return undefined;
    }
    rest.push(words[i]);
  }
  if (!asks || rest.length > MAX_QUIET_REST_WORDS) return undefined;
  return rest.length === 0 ? { kind: 'reaction', pure: true } : { kind: 'reaction', pure: false, rest: rest.join(' ') };
}


/**
 * "sao vậy", "really? why?", "thật ko, miễn phí hết luôn hả", "tại sao phải đến nhà": a clause
 * of a short message is a reaction, or the message opens with "tại sao", "why", "how come".
 */
function reactionOf(normalized: string, coreWords: readonly string[], core: readonly string[], vocabulary: ThreadWords): ThreadMove | undefined {
  if (core.length > MAX_REACTION_WORDS) return undefined;
  // Each clause without its fillers, and without only the leading ones: the particles at the end may
  // be the reaction itself ("and then?", "vậy hả, sao lại thế").
  const isReaction = (words: readonly string[]) => vocabulary.reactions.some((phrase) => sameWords(phrase, words));
  const clauses = normalized
    .split(/[?!.,;:…]+/u)
    .map((clause) => {
      const folded = tokenize(clause).map((word) => fold(word));
      const [start, end] = trimFillers(folded, vocabulary);
      const leading = folded.slice(trimFillers(folded, vocabulary, false)[0]);
      const typed = tokenize(clause);
      // "oh no" in "oh no, why": only words of how the answer landed, said beside a reaction.
      const quiet = typed.every((word, i) => isTypedWord(vocabulary.quiet, word) || isTypedWord(vocabulary.asking, word) || vocabulary.leadingFillers.has(folded[i]) || vocabulary.trailingFillers.has(folded[i]));
      // A clause of two words or more that is all reacting words ("sao lâu vậy"); a lone "hả" opening a question is not.
      const quietly = typed.length >= 2 ? quietReaction(typed, vocabulary) : undefined;
      const reactsQuietly = quietly?.kind === 'reaction' && quietly.pure;
      return { reacts: isReaction(folded.slice(start, end)) || isReaction(leading) || reactsQuietly, quiet, said: end > start, text: typed.join(' ') };
    })
    .filter((clause) => clause.said || clause.reacts);
  const reacting = clauses.filter((clause) => clause.reacts);
  if (reacting.length > 0) {
    const rest = clauses.filter((clause) => !clause.reacts && !clause.quiet).map((clause) => clause.text);
    return rest.length === 0 ? { kind: 'reaction', pure: true } : { kind: 'reaction', pure: false, rest: rest.join(' ') };
  }
  const opener = vocabulary.reactionOpeners.find((words) => startsWith(core, words));
  if (opener) return { kind: 'reaction', pure: false, rest: coreWords.slice(opener.length).join(' ') };
  // "... thật hả": the message doubts what was just said. A longer "thật không" ends questions of their own.
  if (core.length < 2) return undefined;
  if (vocabulary.doubting.has(coreWords[coreWords.length - 1])) return { kind: 'reaction', pure: false, rest: coreWords.slice(0, -1).join(' ') };
  const closer = vocabulary.reactionClosers.find((words) => endsWith(core, words));
  return closer ? { kind: 'reaction', pure: false, rest: coreWords.slice(0, -closer.length).join(' ') } : undefined;
}

/** Where the words are once the fillers are taken off both ends (`trailing` false: the start only). */
function trimFillers(folded: string[], vocabulary: ThreadWords, trailing = true): [number, number] {
  let start = 0;
  let end = folded.length;
  while (trailing && end > start && vocabulary.trailingFillers.has(folded[end - 1])) end--;
  while (start < end && vocabulary.leadingFillers.has(folded[start])) start++;
  return [start, end];
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((word, i) => words[i] === word);
}

function endsWith(words: readonly string[], suffix: readonly string[]): boolean {
  return suffix.length <= words.length && suffix.every((word, i) => words[words.length - suffix.length + i] === word);
}

/** X in "còn X thì sao" / "what about X", or undefined when the message is not that shape. */
function whatAboutSubject(words: readonly string[], folded: readonly string[]): string | undefined {
  const opener = WHAT_ABOUT_OPENERS.find((prefix) => startsWith(folded, prefix));
  const closer = WHAT_ABOUT_CLOSERS.find((suffix) => endsWith(folded, suffix));
  // "còn" alone opens too many things ("còn vòng nào nữa không"): with no closer, X must be short and ask nothing.
  if (!opener && !closer) return undefined;
  // "thì sao" alone: "em mới 17 thì sao" is a question of its own about the same topic, not another subject.
  let from = opener?.length ?? 0;
  const to = folded.length - (closer?.length ?? 0);
  while (from < to && SUBJECT_PREPOSITIONS.has(folded[from])) from++;
  const subject = folded.slice(from, to);
  if (subject.length === 0 || subject.length > MAX_SUBJECT_WORDS) return undefined;
  if (subject.some((word) => QUESTION_WORDS.has(word))) return undefined;
  if (!opener && subject.length > 3) return undefined;
  if (opener && !closer && opener.length === 1 && subject.length > 4) return undefined;
  return words.slice(from, to).join(' ');
}

/** A word pointing back: its position, length and the word (folded pair, or the word as written). */
export interface Pointer {
  at: number;
  length: number;
  word: string;
}

/** "còn mảng dữ liệu thì sao, em thích data": the first clause is "còn X thì sao", the rest says more about X. */
function firstClauseWhatAbout(normalized: string, vocabulary: ThreadWords): ThreadMove | undefined {
  const [first, ...others] = normalized.split(/[?!.,;:…]+/u).filter((clause) => tokenize(clause).length > 0);
  if (first === undefined || others.length === 0) return undefined;
  const words = tokenize(first);
  const folded = words.map((word) => fold(word));
  const [start, end] = trimFillers(folded, vocabulary);
  const core = folded.slice(start, end);
  if (!WHAT_ABOUT_CLOSERS.some((suffix) => endsWith(core, suffix))) return undefined;
  const subject = whatAboutSubject(words.slice(start, end), core);
  return subject === undefined ? undefined : { kind: 'what-about', subject, rest: others.flatMap((clause) => tokenize(clause)).join(' ') };
}

/** The words pointing back, in order. */
function pointingAt(words: readonly string[], folded: readonly string[], lang: Lang): Pointer[] {
  if (folded.some((word) => CONTRAST_WORDS.has(word))) return [];
  const found: Pointer[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = `${folded[i]} ${folded[i + 1]}`;
    const ordinal = ORDINALS.find((phrase) => phrase.every((word, offset) => folded[i + offset] === word));
    if (ordinal) {
      found.push({ at: i, length: ordinal.length, word: 'ordinal' });
      i += ordinal.length - 1;
      continue;
    }
    if (i + 1 < words.length && POINTING_FOLDED_PAIRS.has(pair)) {
      found.push({ at: i + 1, length: 1, word: i > 0 && PLURAL_BEFORE.has(folded[i - 1]) ? 'plural' : pair });
      i++;
      continue;
    }
    if (POINTING_ACCENTED.has(words[i])) {
      found.push({ at: i, length: 1, word: words[i] });
      continue;
    }
    // English pointing words in English only: "làm IT" is not "it".
    if (lang !== 'en' || !POINTING_ENGLISH.has(words[i])) continue;
    if (words[i] === 'there' && i > 0 && EXISTENTIAL_BEFORE.has(folded[i - 1])) continue;
    found.push({ at: i, length: 1, word: words[i] });
  }
  return found;
}

/** "mấy cái đó", "những cái đó", "các cái đó": several things, folded. */
const PLURAL_BEFORE = new Set(['may', 'nhung', 'cac', 'hai', 'ba']);
/** An item of the last answer's list by its place, folded ("the second one", "cái đầu tiên", "cái thứ 2"). */
const ORDINALS = (
  [
    'the first one', 'the second one', 'the third one', 'the last one', 'the 1st one', 'the 2nd one', 'the 3rd one', 'the first', 'the second', 'the third', 'the last',
    'cai dau tien', 'cai thu nhat', 'cai thu hai', 'cai thu 2', 'cai thu ba', 'cai thu 3', 'cai cuoi', 'cai cuoi cung', 'y dau tien', 'y thu hai', 'y thu 2', 'y thu ba', 'y cuoi',
  ] as const
).map((phrase) => phrase.split(' '));

/** "the other prefecture", "another school", "tỉnh còn lại", "trường kia": the other thing of a kind. */
function otherOfKind(folded: readonly string[]): ThreadMove | undefined {
  for (let i = 0; i < folded.length; i++) {
    for (const { kind, nouns } of KIND_NOUN_WORDS) {
      for (const noun of nouns) {
        if (folded[i] !== noun[0] || !noun.every((word, offset) => folded[i + offset] === word)) continue;
        if (i > 0 && OTHER_BEFORE.has(folded[i - 1])) {
          const start = i > 1 && folded[i - 2] === 'the' ? i - 2 : i - 1;
          return { kind: 'other', at: start, length: i + noun.length - start, thing: kind };
        }
        const after = OTHER_AFTER.find((closer) => closer.every((word, offset) => folded[i + noun.length + offset] === word));
        if (after) return { kind: 'other', at: i, length: noun.length + after.length, thing: kind };
      }
    }
  }
  return undefined;
}

/** The kinds of thing a pointing word can stand for, likeliest first. */
function kindsFor(word: string): readonly EntityKind[] {
  if (POINTING_AT_BODIES.has(word)) return ['organisation'];
  if (POINTING_AT_PLACES.has(word)) return ['organisation', 'place', 'country'];
  return ['organisation', 'exam', 'visa', 'place', 'country', 'vendor'];
}

/** A body or a place ("bên đó", "họ") may be one a whole area is about (PN): it is where the question goes, not what it is about. */
function standsForBody(word: string): boolean {
  return POINTING_AT_BODIES.has(word) || POINTING_AT_PLACES.has(word);
}

/** A thing named in a text: its kind, its entity id and the words that name it. */
export interface Named {
  kind: EntityKind;
  entity: string;
  words: string;
}

/**
 * The message rewritten in the thread: X put in the previous question's place for its
 * subject, the pronoun replaced by what the previous answer was about. Undefined when the
 * message is read as it is.
 */
export interface ThreadReading {
  /** The text to read instead of the message. */
  text?: string;
  /** The rewritten text comes first (X named a thing we know); else the message as written does. */
  preferred?: boolean;
  /** X, when it was added to the previous question (it names nothing we know of: "vợ con", "my wife"). */
  subject?: string;
  /** X names only things we do not answer for (Korea, AWS, another university). */
  notOurs?: Named;
  /**
   * The pointing words stand for what the last *answer* named ("họ" for the partners it
   * listed after "PTIT hợp tác với trường nào"): only that answer and its follow-ups are meant.
   */
  pointsAtAnswer?: boolean;
}

export function readInThread(
  move: ThreadMove,
  message: Message,
  previous: KnowledgeEntry,
  lang: Lang,
  entities: Entities,
  vocabulary: ThreadWords,
  previousQuestion?: string,
): ThreadReading {
  if (move.kind === 'what-about') return whatAbout(move.subject, previous, lang, entities, vocabulary, previousQuestion, move.rest);
  if (move.kind === 'pronoun') {
    // Each pointing word stands for a different thing: "what did they offer there?" after
    // "Did PTIT go to Tochigi?" is PTIT and Tochigi. Words with nothing left keep their place.
    const pointers = [move, ...(move.more ?? [])];
    // "họ", "they": the bodies the answer listed, not the one the question named. "those", "mấy cái
    // đó", "the second one": the things the answer listed, when it has a list.
    if (pointers.some((pointer) => POINTING_AT_ANSWER.has(pointer.word)) && namesOthersInAnswer(previous, lang, entities, previousQuestion)) return { pointsAtAnswer: true };
    if (pointers.some((pointer) => POINTING_AT_LIST.has(pointer.word))) return LIST_ITEM.test(previous.answer[lang]) ? { pointsAtAnswer: true } : {};
    const used: Named[] = [];
    const replaced: { at: number; length: number; words: string }[] = [];
    for (const pointer of pointers) {
      const thing = lastNamed(previous, lang, entities, kindsFor(pointer.word), standsForBody(pointer.word), previousQuestion, used);
      if (!thing) continue;
      used.push(thing);
      replaced.push({ at: pointer.at, length: pointer.length, words: thing.words });
    }
    if (replaced.length === 0) return {};
    return { text: replaceSpans(formsOf(message).tokens, replaced) };
  }
  if (move.kind === 'other') {
    const named = lastNamed(previous, lang, entities, [move.thing], true, previousQuestion);
    const others = named ? entities.oursOfKind(move.thing, named.entity) : [];
    // Only when "the other one" can be one thing: with several, the message is read as written.
    if (others.length !== 1) return {};
    return { text: replaceSpans(formsOf(message).tokens, [{ at: move.at, length: move.length, words: others[0].words }]), preferred: true };
  }
  return {};
}

/** Pointing words that may stand for several bodies the last answer named ("họ", "they"). */
const POINTING_AT_ANSWER = new Set(['họ', 'they', 'them', 'their']);
/** Pointing words for the items of a list in the last answer ("those", "mấy cái đó", "the second one", "cái đầu tiên"). */
const POINTING_AT_LIST = new Set(['those', 'these', 'plural', 'ordinal']);
/** A line of a list in an answer (Markdown). */
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s/mu;

/** The last answer names organisations the question did not (PTIT's partners after "who does PTIT work with"). */
function namesOthersInAnswer(previous: KnowledgeEntry, lang: Lang, entities: Entities, previousQuestion?: string): boolean {
  const asked = new Set([previousQuestion, previous.question[lang]].flatMap((text) => (text ? entities.named(text).map((thing) => `${thing.kind}:${thing.entity}`) : [])));
  const answered = entities.named(previous.answer[lang]).filter((thing) => thing.kind === 'organisation' && !asked.has(`${thing.kind}:${thing.entity}`));
  return new Set(answered.map((thing) => thing.entity)).size >= 2;
}

/** The words with each span (in order, not overlapping) replaced by its text. */
function replaceSpans(words: readonly string[], spans: readonly { at: number; length: number; words: string }[]): string {
  const out: string[] = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.at - b.at)) {
    out.push(...words.slice(at, span.at), span.words);
    at = span.at + span.length;
  }
  out.push(...words.slice(at));
  return out.join(' ');
}

function whatAbout(subject: string, previous: KnowledgeEntry, lang: Lang, entities: Entities, vocabulary: ThreadWords, previousQuestion?: string, rest?: string): ThreadReading {
  const named = entities.named(subject);
  const ours = named.filter((thing) => entities.isOurs(thing.kind, thing.entity));
  if (named.length > 0 && ours.length === 0) return { notOurs: named[0] };
  const question = previousQuestion ?? previous.question[lang];
  const words = tokenize(normalizeVietnamese(question));
  const more = rest === undefined ? '' : ` ${rest}`;
  // X is no thing we know ("em mới 17", "my wife"): the same question, about X.
  if (named.length === 0) return { text: `${words.join(' ')} ${subject}${more}`, subject };
  if (rest !== undefined) {
    // "còn AI-900 thì sao, còn thi được không": a question of its own about X, read first as written.
    const spans = entities.spans(question).filter((span) => named.some((thing) => thing.kind === span.kind));
    return { text: `${replaceSpans(words, spans.map((span) => ({ at: span.at, length: span.length, words: subject })))}${spans.length === 0 ? ` ${subject}` : ''}${more}`, preferred: false };
  }
  // The previous question's thing of the same kind gives way to X; with none, X is added.
  // X says more than the thing ("lịch thi JLPT", "the exam fee in Japan"): it is a question of
  // its own about the thing, and comes first only when the message as written is not sure.
  const preferred = !saysMoreThanThings(subject, entities, vocabulary);
  const spans = entities.spans(question).filter((span) => named.some((thing) => thing.kind === span.kind));
  if (spans.length === 0) return { text: `${words.join(' ')} ${subject}`, preferred };
  return { text: replaceSpans(words, spans.map((span) => ({ at: span.at, length: span.length, words: subject }))), preferred };
}

/** X holds words besides the things it names and the prepositions and articles around them. */
function saysMoreThanThings(subject: string, entities: Entities, vocabulary: ThreadWords): boolean {
  const words = tokenize(normalizeVietnamese(subject));
  const spans = entities.spans(subject);
  return words.some((word, at) => !spans.some((span) => at >= span.at && at < span.at + span.length) && !SUBJECT_PREPOSITIONS.has(fold(word)) && !vocabulary.trailingFillers.has(fold(word)));
}

/**
 * A thing entries tell apart, at most this many entries being about it: PTIT, the JLPT,
 * Cambodia. Microsoft or Japan stand for a whole area, so putting them in a pronoun's place
 * says nothing about which entry is meant while it makes every entry of the area surer.
 */
const MAX_SPECIFIC_ENTRIES = 4;

/** What the previous exchange was about: a specific thing named in the user's question, else in the entry's, else the one of its kind in the answer; the likeliest kind first. */
function lastNamed(previous: KnowledgeEntry, lang: Lang, entities: Entities, kinds: readonly EntityKind[], anyBody: boolean, previousQuestion?: string, used: readonly Named[] = []): Named | undefined {
  const telling = (thing: Named) =>
    !used.some((other) => other.kind === thing.kind && other.entity === thing.entity) && ((anyBody && thing.kind === 'organisation') || entities.entryCount(thing.kind, thing.entity) <= MAX_SPECIFIC_ENTRIES);
  for (const source of [previousQuestion, previous.question[lang]]) {
    if (!source) continue;
    const named = entities.named(source).filter((thing) => kinds.includes(thing.kind) && telling(thing));
    for (const kind of kinds) {
      const found = named.find((thing) => thing.kind === kind);
      if (found) return found;
    }
  }
  // Neither question named one ("Which visa do I need?"): the one thing of a kind the answer
  // named ("the Engineer visa"), when it named only one of that kind; a list is no referent.
  const answered = entities.named(previous.answer[lang]).filter((thing) => kinds.includes(thing.kind) && thing.kind !== 'organisation' && telling(thing));
  for (const kind of kinds) {
    const ofKind = answered.filter((thing) => thing.kind === kind);
    if (ofKind.length > 0 && ofKind.every((thing) => thing.entity === ofKind[0].entity)) return ofKind[0];
  }
  return undefined;
}
