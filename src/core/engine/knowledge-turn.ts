/**
 * A question for the knowledge base, with context: the entry answered in the last
 * few turns goes to the matcher (MatchContext.previousEntryId) so an elliptical
 * follow-up ("còn ở Campuchia thì sao?") is read in its light. Every answer
 * replaces the context (a change of topic moves it to the new entry); it expires
 * after `contextTurns` turns, and the menu, cancel and a language switch clear it.
 */
import type { DecisionContext } from '../conversation/decision-context';
import { answerReply, decisionReply } from '../conversation/decision-replies';
import type { Text } from '../conversation/plan';
import { threadPreface } from '../conversation/thread-replies';
import { foldPhrase } from '../language/fold';
import type { Decision, KnowledgeEntry, MatchContext } from '../knowledge/types';
import { textOf, type Utterance } from '../language/utterance';
import { maskPersonalData } from '../records/mask';
import { startHandover } from './handover';
import { MAX_REMEMBERED_QUESTION, rememberQuestion } from './recent-questions';
import { DEFAULT_CONTEXT_TURNS, type Turn } from './turn';

/** The context a message is matched in, or none when the last answer is too old. */
export function matchContext(turn: Turn): MatchContext {
  const last = turn.conversation.lastAnswer;
  const limit = turn.options.contextTurns ?? DEFAULT_CONTEXT_TURNS;
  if (!last || turn.conversation.turn - last.turn > limit) return {};
  return { previousEntryId: last.entryId, ...(last.question !== undefined ? { previousQuestion: last.question } : {}) };
}

/**
 * The entry whose short title the message is, typed as Messenger showed it on a button
 * ("Học bổng"): answered as a tap on that button would be, whatever the matcher makes of two words.
 */
export function entryTitled(turn: Turn, message: string | Utterance): KnowledgeEntry | undefined {
  const folded = typeof message === 'string' ? foldPhrase(message) : message.phrase;
  if (folded === '') return undefined;
  return turn.content.entries.find((entry) => shortTitlesFolded(entry).includes(folded));
}

/**
 * An entry's short titles, folded the first time a message is compared with them: every typed
 * message is, and folding both titles of every entry each turn was a few per cent of a turn's
 * CPU. Kept with the entry object (a reload brings new ones), so nothing outlives its content.
 */
const foldedShortTitles = new WeakMap<KnowledgeEntry, readonly string[]>();

function shortTitlesFolded(entry: KnowledgeEntry): readonly string[] {
  let titles = foldedShortTitles.get(entry);
  if (titles === undefined) {
    titles = entry.short ? [foldPhrase(entry.short.vi), foldPhrase(entry.short.en)] : [];
    foldedShortTitles.set(entry, titles);
  }
  return titles;
}

export function forgetContext(turn: Turn): void {
  delete turn.conversation.lastAnswer;
}

export function decisionContext(turn: Turn): DecisionContext {
  const audience = turn.conversation.audience;
  return { lang: turn.lang, lookup: (id) => turn.content.answerer.entry(id), now: turn.env.now, ...(audience ? { audience } : {}) };
}

export function answerQuestion(turn: Turn, message: string | Utterance): Decision {
  const text = textOf(message);
  const decision = turn.content.answerer.decide(message, matchContext(turn));
  const candidates = decision.candidates.map((candidate) => candidate.id);
  rememberQuestion(turn, text);
  const masked = maskPersonalData(text);
  // No user id: the question log stays unlinkable to a person. The runner-up and the margin
  // over it let the staff inbox find answers given with little certainty (issue 19).
  const [first, second] = decision.candidates;
  turn.write({
    kind: 'question',
    data: {
      text: masked,
      lang: turn.lang,
      decision: decision.kind,
      entryId: decision.entry?.id ?? null,
      confidence: decision.confidence,
      runnerUp: second?.id ?? null,
      margin: first ? first.confidence - (second?.confidence ?? 0) : 0,
    },
  });
  if (decision.kind === 'answer' && decision.entry) {
    // A second question in the same message is offered first among the follow-up buttons.
    const also = decision.alsoAsked;
    const entry = also ? { ...decision.entry, followUps: [also, ...decision.entry.followUps.filter((id) => id !== also)] } : decision.entry;
    answerEntry(turn, entry, decision.confidence, candidates, masked, threadPreface(decision));
    return decision;
  }
  if (decision.kind === 'fallback') {
    turn.write({
      kind: 'unanswered',
      data: { ...turn.env.who, text: maskPersonalData(text), lang: turn.lang, confidence: decision.confidence, candidates, decision: 'fallback' },
    });
  }
  turn.say(decisionReply(decisionContext(turn), decision));
  return decision;
}

/**
 * An entry's answer, typed or clicked; an entry that hands over goes straight to the hand-over.
 * `question` (masked) is the typed question it answers: a 👎 on this answer is stored with it.
 */
export function answerEntry(turn: Turn, entry: KnowledgeEntry, confidence: number, candidates: string[], question?: string, preface?: Text): void {
  turn.conversation.lastAnswer = {
    entryId: entry.id,
    area: entry.area,
    turn: turn.conversation.turn,
    ...(question !== undefined ? { question: question.slice(0, MAX_REMEMBERED_QUESTION) } : {}),
  };
  if (entry.action === 'handoff') {
    // Its own answer would promise what the hand-over says next (or contradict "already with staff").
    startHandover(turn, { entryId: entry.id, confidence, decision: 'answer', candidates });
    return;
  }
  turn.say(answerReply(decisionContext(turn), entry, confidence, candidates, preface));
}
