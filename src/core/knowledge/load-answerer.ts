/**
 * Builds the bot's answerer from the content folder: load and validate the YAML, learn
 * the matcher, and decide. The only entry point src/bot needs from the knowledge core.
 */
import { askingSentences } from '../language/asking-part';
import { detectLanguage } from '../language/detect';
import { foldDiacritics } from '../language/normalize';
import { decideKind, toCandidates, type Thresholds } from './decide';
import { KnowledgeIndex } from './index';
import { loadKnowledge, type LoadedKnowledge } from './loader';
import { LearnedMatcher, phrasesOf, offTopicPhrases } from './model/learned-matcher';
import { LexicalVote } from './model/lexical-vote';
import type { Answerer, Decision, KnowledgeEntry, MatchContext } from './types';

export { KnowledgeLoadError } from './loader';

/** A follow-up this short ("còn ở Campuchia thì sao?") is read with the previous entry's question. */
const ELLIPTICAL_MAX_WORDS = 9;

export class KnowledgeAnswerer implements Answerer {
  /** Lexical index: explains decisions, measures novelty, finds near-duplicate entries. */
  readonly index: KnowledgeIndex;

  readonly matcher: LearnedMatcher;

  /** BM25 over whole entries: a second opinion on the learned model's choice. */
  readonly lexical: LexicalVote;

  readonly thresholds: Thresholds;

  constructor(
    readonly content: LoadedKnowledge,
    thresholds?: Thresholds,
    built?: { matcher: LearnedMatcher; lexical: LexicalVote },
  ) {
    this.thresholds = thresholds ?? content.thresholds;
    this.index = new KnowledgeIndex(content.kb, content.lexicon);
    this.lexical = built?.lexical ?? LexicalVote.create(content.kb, content.lexicon);
    this.matcher = built?.matcher ?? learnMatcher(content);
  }

  /** Like the constructor, but trains in slices so a running bot keeps answering meanwhile. */
  static async build(content: LoadedKnowledge, thresholds?: Thresholds): Promise<KnowledgeAnswerer> {
    const matcher = await LearnedMatcher.learn(content.kb.entries.map((entry) => entry.id), trainingPhrases(content), content.lexicon);
    const lexical = await LexicalVote.build(content.kb, content.lexicon);
    return new KnowledgeAnswerer(content, thresholds, { matcher, lexical });
  }

  decide(text: string, context?: MatchContext): Decision {
    const previous = context?.previousEntryId ? this.content.kb.byId.get(context.previousEntryId) : undefined;
    const elliptical = previous !== undefined && text.trim().split(/\s+/).length <= ELLIPTICAL_MAX_WORDS;
    const prior = elliptical ? contextPrior(previous) : undefined;
    const prediction = this.matcher.predict(text, prior);
    const candidates = toCandidates(prediction, this.index.novelty(prediction.asking), this.lexical.topEntry(prediction.asking));
    // A short follow-up whose best reading continues the topic is worth a "did you mean"
    // even when its words alone say little ("what about my wife?").
    const continues = prior !== undefined && candidates[0] !== undefined && prior(candidates[0].id) > 1;
    const { kind, shown } = decideKind(candidates, continues ? { ...this.thresholds, suggest: this.thresholds.suggest * CONTEXT_SUGGEST_FACTOR } : this.thresholds);
    const detected = detectLanguage(text, { isVietnameseShorthand: (folded) => this.content.lexicon.rulesByFirstToken.has(foldDiacritics(folded)) });
    const entry = kind === 'answer' ? this.content.kb.byId.get(shown[0].id) : undefined;
    return {
      kind,
      entry,
      alsoAsked: entry ? this.secondQuestion(prediction.asking, entry.id) : undefined,
      confidence: candidates[0]?.confidence ?? 0,
      candidates: kind === 'suggest' ? [...shown, ...candidates.filter((candidate) => !shown.includes(candidate))] : candidates,
      detectedLang: detected.sure ? detected.lang : null,
      asked: prediction.asking,
    };
  }

  /**
   * When the message asks two things ("Học bổng gồm những gì? Còn thi những môn nào?"),
   * the entry that confidently answers another of its questions than the one answered.
   */
  private secondQuestion(asking: string, answered: string): string | undefined {
    // The first few questions only: a pasted wall of questions must not cost a prediction each.
    const sentences = askingSentences(asking).slice(0, MAX_QUESTIONS_READ);
    if (sentences.length < 2) return undefined;
    for (const sentence of sentences) {
      const prediction = this.matcher.predict(sentence);
      const [top] = toCandidates(prediction, this.index.novelty(sentence), this.lexical.topEntry(sentence), 1);
      if (top && top.id !== answered && top.confidence >= this.thresholds.answer) return top.id;
    }
    return undefined;
  }

  entry(id: string): KnowledgeEntry | undefined {
    return this.content.kb.byId.get(id);
  }
}

/**
 * What the previous answer makes likely next: its own entry (a detail of the same topic),
 * the entries it offers as follow-ups, and the rest of its area, each CONTEXT_BOOST times
 * likelier than before. It multiplies probabilities, so a follow-up that clearly names
 * another topic still goes there. Chosen on dev2-followups and checked on our blind ones.
 */
function contextPrior(previous: KnowledgeEntry): (id: string) => number {
  const related = new Set([previous.id, ...previous.followUps]);
  return (id) => (related.has(id) || id.startsWith(`${previous.area}.`) ? CONTEXT_BOOST : 1);
}

const CONTEXT_BOOST = 3;
/** How many questions of one message are looked at for a second one. */
const MAX_QUESTIONS_READ = 4;
/** The suggest threshold for a follow-up that continues the topic, as a share of the usual one. */
const CONTEXT_SUGGEST_FACTOR = 0.6;

function trainingPhrases(content: LoadedKnowledge) {
  return [...phrasesOf(content.kb), ...offTopicPhrases(content.offTopic)];
}

function learnMatcher(content: LoadedKnowledge): LearnedMatcher {
  return LearnedMatcher.create(content.kb.entries.map((entry) => entry.id), trainingPhrases(content), content.lexicon);
}

export async function loadAnswerer(options: { knowledgeDir: string; thresholds?: Thresholds }): Promise<KnowledgeAnswerer> {
  return KnowledgeAnswerer.build(await loadKnowledge(options.knowledgeDir), options.thresholds);
}
