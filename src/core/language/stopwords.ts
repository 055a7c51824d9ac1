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

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(eng.filter((word) => !DECIDING_WORDS.has(word)));

const vietnameseSingleSyllable = vie.filter((word) => !word.includes(' '));

/** Vietnamese function words, accented and as typed without accents. */
export const VIETNAMESE_FUNCTION_WORDS: ReadonlySet<string> = new Set([...vietnameseSingleSyllable, ...vietnameseSingleSyllable.map(fold)]);
