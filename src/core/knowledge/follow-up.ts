/**
 * Reading a message as a follow-up to the entry answered just before. Students rarely
 * repeat the topic: "còn ở Campuchia thì sao?", "does it expire tho?", "em mới 17 thì sao
 * ad?". Such a message is recognised as elliptical (short, or opening with "còn", "thế",
 * "and", "what about", or pointing back with "đó", "họ", "it", "they") and read in the
 * light of the previous answer in two ways:
 *
 * - a prior: the previous entry, the follow-ups it offers and the rest of its area are
 *   CONTEXT_BOOST times likelier;
 * - query expansion: the previous entry's question is read together with the message, at
 *   a lower weight, so entries that share its words (a visa's renewal after a visa
 *   question, not a certificate's) gain. The previous entry itself gains no more from
 *   it than its closest neighbour: the expansion says what the conversation is about,
 *   not that the same answer is wanted again.
 *
 * Both add to what the message itself says, so a follow-up that clearly names another
 * topic still goes there; and a message that neither continues nor points back keeps
 * its own reading when that answers confidently outside the topic (load-answerer.ts).
 * A message that is long and does not point back is not read as a follow-up at all.
 *
 * The constants were chosen on the dev2 follow-up development set (kept outside this
 * repository) from a small grid (boost 3-5, expansion 0.2-0.4: all within a few points of
 * each other) and checked on tests/fixtures/eval/blind-followups.yaml and
 * blind-followups2.yaml; the numbers are in the README and bench/RESULTS.md.
 */
import { normalizeVietnamese, tokenize } from '../language/normalize';
import type { LexicalVotes } from './fusion';
import type { Utterance } from '../language/utterance';
import type { MatchingContext } from './model/learned-matcher';
import type { KnowledgeEntry, Lang } from './types';

/** A message of at most this many words (Vietnamese syllables count one each) is elliptical. */
const SHORT_MESSAGE_WORDS = 9;
/** A longer one is, up to this many words, when it continues or points back (CONTINUATION_OPENERS, POINTING_WORDS). */
const CUED_MESSAGE_WORDS = 16;

/** Words that open a continuation ("còn ... thì sao", "thế ...", "and ...", "so ..."), looked for among the first three. */
const CONTINUATION_OPENERS = new Set(['còn', 'thế', 'vậy', 'vay', 'zậy', 'and', 'also', 'so', 'then']);
/** Two-word openers, looked for among the first three words. */
const CONTINUATION_PAIRS = ['what about', 'how about', 'what if'];
/** Words that point back to what was just said. */
const POINTING_WORDS = new Set(['đó', 'đấy', 'ấy', 'nó', 'họ', 'kia', 'it', 'its', 'that', 'those', 'they', 'them', 'their', 'there']);

/** How many times likelier the previous entry, its follow-ups and its area become. */
const CONTEXT_BOOST = 4;
/** Weight of the previous entry's question read together with the message (the message weighs 1). */
const EXPANSION_WEIGHT = 0.3;

export function isElliptical(message: string | Pick<Utterance, 'tokens'>): boolean {
  const words = wordsOf(message);
  if (words.length <= SHORT_MESSAGE_WORDS) return true;
  return words.length <= CUED_MESSAGE_WORDS && saysItFollows(message);
}

/**
 * The message says it continues ("còn ...", "and ...") or refers to what was just said
 * ("bên đó", "they", "it"): it is read as a follow-up even when its own words point elsewhere.
 */
export function saysItFollows(message: string | Pick<Utterance, 'tokens'>): boolean {
  const words = wordsOf(message);
  return continues(words) || words.some((word) => POINTING_WORDS.has(word));
}

/** The message's normalised words: an Utterance has them already. */
function wordsOf(message: string | Pick<Utterance, 'tokens'>): readonly string[] {
  return typeof message === 'string' ? tokenize(normalizeVietnamese(message)) : message.tokens;
}

function continues(words: readonly string[]): boolean {
  const opening = words.slice(0, 3);
  if (opening.some((word) => CONTINUATION_OPENERS.has(word))) return true;
  const openingText = opening.join(' ');
  return CONTINUATION_PAIRS.some((pair) => openingText.includes(pair));
}

/** What the previous answer adds to the reading of an elliptical message in `lang`. */
export function followUpContext(previous: KnowledgeEntry, lang: Lang): MatchingContext {
  const related = new Set([previous.id, ...previous.followUps]);
  return {
    prior: (id) => (related.has(id) || id.startsWith(`${previous.area}.`) ? CONTEXT_BOOST : 1),
    expansion: { text: previous.question[lang], weight: EXPANSION_WEIGHT, source: previous.id },
  };
}

/**
 * BM25's votes as they count in the light of the previous answer: one for an entry outside
 * the previous topic is not counted. BM25 reads the message without the conversation, so
 * "bao nhiêu tiền?" after the scholarship votes for the exam's cost; counted, it would
 * outweigh the context that says what "how much" is about. A message whose own words
 * answer another topic is still read alone as well (load-answerer.ts, isNewTopic).
 */
export function votesInContext(votes: LexicalVotes, context: MatchingContext): LexicalVotes {
  const inContext = (vote: string | undefined) => (vote !== undefined && context.prior(vote) > 1 ? vote : undefined);
  return { asked: inContext(votes.asked), whole: inContext(votes.whole) };
}
