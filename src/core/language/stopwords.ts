/**
 * Function words: they tell nothing about the topic, so a question is not judged
 * unanswerable because the knowledge base never wrote "if", "these" or "nếu".
 * English ones always weigh little. Vietnamese ones only when the knowledge base does
 * not use them: the common Vietnamese list holds words that decide a question
 * (gì, khi, không, được), and those keep the weight the knowledge base gives them.
 */
import { eng, vie } from 'stopword';
import { fold } from './fold';

/**
 * Words of the English stop-word list that decide what is asked ("how much", "how long",
 * "which"), so they keep their weight. Not the question-word list (question-words.ts, which
 * says whether a sentence asks): the matcher was trained with exactly these.
 */
const DECIDING_WORDS = new Set(['how', 'what', 'when', 'where', 'who', 'which', 'why', 'much', 'many', 'long', 'can']);

/** Function words the package's list leaves out (it has "he" and "her" but not "she"). */
const MORE_ENGLISH_STOPWORDS = ['she', 'hers', 'herself', 'theirs', 'mine', 'yours', 'does', 'doing', 'us', 'its'];

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([...eng.filter((word) => !DECIDING_WORDS.has(word)), ...MORE_ENGLISH_STOPWORDS]);

const vietnameseSingleSyllable = vie.filter((word) => !word.includes(' '));

/** Vietnamese function words, accented and as typed without accents. */
export const VIETNAMESE_FUNCTION_WORDS: ReadonlySet<string> = new Set([...vietnameseSingleSyllable, ...vietnameseSingleSyllable.map(fold)]);

/**
 * Who a question is asked for: parents, relatives and friends ask for someone else ("con tôi",
 * "cháu nhà tôi", "em họ mình", "my son", "my cousin"). Those words say nothing about what is
 * asked, so a word of them the knowledge base never uses does not make a question look like
 * one it cannot answer (the novelty, knowledge/index.ts). Accented, as typed without accents.
 */
const AUDIENCE = [
  'con', 'cháu', 'họ', 'trai', 'gái', 'bố', 'mẹ', 'ba', 'má', 'ông', 'bà', 'cô', 'chú', 'bác', 'dì', 'cậu', 'mợ', 'thím', 'dượng',
  'vợ', 'chồng', 'anh', 'chị', 'em', 'bạn', 'hàng', 'xóm', 'phụ', 'huynh', 'nội', 'ngoại', 'út', 'đứa', 'nhỏ', 'bé',
  'son', 'sons', 'daughter', 'daughters', 'child', 'children', 'kid', 'kids', 'cousin', 'cousins', 'nephew', 'niece', 'grandson',
  'granddaughter', 'grandchild', 'grandchildren', 'brother', 'sister', 'sibling', 'siblings', 'wife', 'husband', 'parent', 'parents',
  'mother', 'father', 'mom', 'mum', 'dad', 'uncle', 'aunt', 'auntie', 'friend', 'friends', 'neighbour', 'neighbor', 'classmate', 'bro', 'sis',
  // How parents and grandparents name the child and themselves: "thằng bé", "thằng cu", "cháu nó", "học trò", "grandpa"
  'thằng', 'cu', 'trò', 'nhà', 'nó', 'grandfather', 'grandmother', 'grandpa', 'grandma', 'granny', 'grandparent', 'grandparents', 'stepson',
  'stepdaughter', 'teenager', 'boy', 'youngster', 'family', 'families', 'household',
];

/**
 * How a worried, polite parent writes: particles, pleading and worry ("ạ", "nhé", "giúp tôi với",
 * "tôi lo lắm", "I'm worried"). They say how something is asked, not what, so they count as the
 * audience's words do (the knowledge base's own uses of them keep their weight).
 */
const REGISTER = [
  'ạ', 'nhé', 'nhá', 'nha', 'với', 'giúp', 'dùm', 'giùm', 'nhờ', 'thưa', 'vâng', 'dạ', 'lo', 'lắng', 'băn', 'khoăn', 'yên', 'thắc', 'mắc',
  'please', 'kindly', 'worried', 'worry', 'worries', 'worrying', 'afraid', 'scared', 'anxious', 'concerned', 'nervous', 'grateful',
];

/** Worry words that, typed without accents, are also names or other words ("ngai" of Quảng Ngãi, "tam" of tạm): accented only. */
const REGISTER_ACCENTED_ONLY = ['sợ', 'ngại', 'rành', 'tâm', 'kính'];

export const AUDIENCE_WORDS: ReadonlySet<string> = new Set([...[...AUDIENCE, ...REGISTER].flatMap((word) => [word, fold(word)]), ...REGISTER_ACCENTED_ONLY]);
