/**
 * The one list of question words, folded (fold.ts), by language. Recognition vocabulary,
 * never shown to users. Vietnamese asks at the end of a sentence ("… được không", "… bao
 * nhiêu", "… là ai"), English at the start ("how …", "can I …"); teencode spellings
 * ("ko", "j", "bnhiu") count as the words they stand for.
 *
 * Read by asking-part.ts (which sentence of a long message asks) and by the engine's
 * flows (is a message typed into a form a question rather than an answer).
 */
import type { Lang } from './lang';

export const QUESTION_WORDS: Readonly<Record<Lang, ReadonlySet<string>>> = {
  // Not "ạ": polite statements end with it too ("Em cảm ơn ạ.").
  vi: new Set(['ai', 'gi', 'j', 'nao', 'sao', 'dau', 'may', 'khong', 'ko', 'k', 'hok', 'chua', 'ntn', 'bnhiu', 'bao', 'nhieu', 'khi']),
  en: new Set(['what', 'how', 'when', 'where', 'who', 'which', 'why', 'can', 'could', 'do', 'does', 'is', 'are', 'should', 'will', 'would', 'wat', 'any']),
};

/** A folded word that asks, in either language. */
export function isQuestionWord(word: string): boolean {
  return QUESTION_WORDS.vi.has(word) || QUESTION_WORDS.en.has(word);
}
