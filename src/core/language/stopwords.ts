/**
 * English function words ("if", "these", "would"): they tell nothing about the topic,
 * so a question is not judged unanswerable because the knowledge base never wrote them.
 * Question words stay meaningful: "how much" and "when" ask different things.
 */
import { eng } from 'stopword';

const QUESTION_WORDS = new Set(['how', 'what', 'when', 'where', 'who', 'which', 'why', 'much', 'many', 'long', 'can']);

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(eng.filter((word) => !QUESTION_WORDS.has(word)));
