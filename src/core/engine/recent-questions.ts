/** The last questions of the conversation travel with a hand-over request, so staff see the context. */
import type { Turn } from './turn';

const MAX_REMEMBERED_QUESTIONS = 5;
/** A question is kept up to this many characters. */
export const MAX_REMEMBERED_QUESTION = 500;

export function rememberQuestion(turn: Turn, text: string): void {
  const recent = [...turn.conversation.recentQuestions, text.slice(0, MAX_REMEMBERED_QUESTION)];
  turn.conversation.recentQuestions = recent.slice(-MAX_REMEMBERED_QUESTIONS);
}
