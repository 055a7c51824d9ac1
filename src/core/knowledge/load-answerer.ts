/**
 * Builds the bot's answerer from the content folder: load and validate the YAML, learn
 * the matcher, and decide. The only entry point src/bot needs from the knowledge core.
 */
import { analysisOnce, knownTermsOf, type KnownTerms, type TextAnalysis } from '../language/analyze';
import { asksForSomeoneElse } from '../language/audience';
import { fold } from '../language/fold';
import { readUtterance, type Utterance } from '../language/utterance';
import { followUpContext, isElliptical, saysItFollows, votesInContext } from './follow-up';
import { readInThread, threadMove, type ThreadMove } from './thread';
import { decideKind, type Thresholds } from './decide';
import { plainMiniSearchTopHit, type TopHit } from './baseline';
import { fusedCandidates, inScopeProbability, type FusionInput, type LexicalVotes } from './fusion';
import type { Mentions } from './entities';
import { KnowledgeIndex } from './index';
import { readKnowledgeFiles, type LoadedKnowledge } from './loader';
import { compiledKnowledge } from './compiled';
import { artefactStoreFromEnv, type ArtefactStore } from '../storage/artefacts';
import { LearnedMatcher, phrasesOf, offTopicPhrases, type MatchingContext, type MessageReading, type Prediction } from './model/learned-matcher';
import { LexicalVote } from './model/lexical-vote';
import type { Answerer, Candidate, Decision, KnowledgeEntry, MatchContext } from './types';

export { KnowledgeLoadError } from './loader';

/** What the matcher makes of a message: its prediction and the ranked, calibrated candidates. */
interface Reading {
  prediction: Prediction;
  candidates: Candidate[];
  /** How likely the message is a question for the knowledge base at all (fusion.ts). */
  inScope: number;
}

/**
 * What every scorer makes of a message before the conversation's context is applied:
 * computed once per message, however many readings (in context, alone) it gets.
 */
interface MessageScores {
  reading: MessageReading;
  novelty: number;
  wholeNovelty: number;
  votes: LexicalVotes;
  /** Words in the whole message. */
  words: number;
  /** The countries, vendors, organisations and exams the message names (entities.ts). */
  mentions: Mentions;
}

/**
 * A question asked for someone else on which both rankings agree is offered when its confidence
 * reaches this share of the answer threshold: below it, the two agree on a near miss ("điểm
 * chuẩn ngành Y" is the entrance of PTIT to both) as often as on ours.
 */
const AGREED_CONFIDENCE_SHARE = 0.5;

/**
 * ... and when less than this share of what it asks is words the knowledge base never uses: a
 * question about a thing we know nothing of ("a Canadian study permit") may still agree on the
 * words around it ("how long", "process").
 */
const AGREED_MAX_NOVELTY = 0.4;

/**
 * A question asked for someone else that both word-count rankings (BM25 over the analysed words,
 * plain MiniSearch over the words as typed) put first with the fused ranking is offered from this
 * confidence: the parent's register ("nhờ anh chị", "cho tôi hỏi", "I want to help her") pulls the
 * learned model towards the bot's own entries (help, a person) while the subject's words stay plain.
 */
const LEXICAL_AGREED_CONFIDENCE = 0.1;

/**
 * A message of at least this many words is long: a story before the question. Its fused
 * confidence and `inScope` are thinned out by the story (every sentence adds words no entry
 * uses and weight on "none"), and the learned model's first entry is swayed by it, while the
 * three word counts (BM25 over the asking part and over the whole message, plain MiniSearch
 * over the message as typed) still find the subject it names: on long messages plain
 * MiniSearch's top hit alone was right more often than our answers (bench/RESULTS.md).
 */
const LONG_MESSAGE_WORDS = 30;

export class KnowledgeAnswerer implements Answerer {
  /** Lexical index: explains decisions, measures novelty, finds near-duplicate entries. */
  readonly index: KnowledgeIndex;

  readonly matcher: LearnedMatcher;

  /** BM25 over whole entries: a second opinion on the learned model's choice. */
  readonly lexical: LexicalVote;

  readonly thresholds: Thresholds;

  /** Plain MiniSearch's top hit (baseline.ts), built with the answerer (when content is compiled or opened), not on a student's turn. */
  private readonly plainTopHit: TopHit;

  constructor(
    readonly content: LoadedKnowledge,
    thresholds?: Thresholds,
    built?: { matcher: LearnedMatcher; lexical: LexicalVote; index: KnowledgeIndex },
  ) {
    this.thresholds = thresholds ?? content.thresholds;
    this.index = built?.index ?? new KnowledgeIndex(content.kb, content.lexicon);
    this.lexical = built?.lexical ?? LexicalVote.create(content.kb, content.lexicon);
    this.matcher = built?.matcher ?? learnMatcher(content);
    this.plainTopHit = plainMiniSearchTopHit(content.kb);
    this.knownTerms = knownTermsOf(
      content.kb.entries.flatMap((entry) => [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en]),
      content.lexicon,
    );
  }

  /** The terms of the knowledge base's own words, worked out once (analyze.ts knownTermsOf). */
  private readonly knownTerms: KnownTerms;

  /** Like the constructor, but trains in slices so a running bot keeps answering meanwhile. */
  static async build(content: LoadedKnowledge, thresholds?: Thresholds): Promise<KnowledgeAnswerer> {
    const matcher = await LearnedMatcher.learn(content.kb.entries.map((entry) => entry.id), trainingPhrases(content), content.lexicon);
    const lexical = await LexicalVote.build(content.kb, content.lexicon);
    const index = await KnowledgeIndex.build(content.kb, content.lexicon);
    return new KnowledgeAnswerer(content, thresholds, { matcher, lexical, index });
  }

  /** Reads a message with this knowledge base's lexicon (its teencode counts as Vietnamese when the language is detected). */
  read(text: string): Utterance {
    return readUtterance(text, this.detectionHints);
  }

  private readonly detectionHints = { isVietnameseShorthand: (folded: string) => this.content.lexicon.rulesByFirstToken.has(fold(folded)) };

  /** A message read once by the engine (an Utterance), or a text read here (the CLIs, staff previews, tests). */
  decide(message: string | Utterance, context?: MatchContext): Decision {
    const utterance = typeof message === 'string' ? this.read(message) : message;
    const previous = context?.previousEntryId ? this.content.kb.byId.get(context.previousEntryId) : undefined;
    const analyse = analysisOnce(this.content.lexicon, utterance, this.knownTerms);
    let reading: Reading & { continues: boolean; newTopic?: boolean };
    let move: ThreadMove | undefined;
    /** The message as written and as rewritten in the thread are each sure of a different entry: offer both. */
    let disagreeing: Candidate[] | undefined;
    /** The message is asked for someone else and both rankings put its first candidate first. */
    let agreed = false;
    /** A pointing word stands for what the last answer listed: only that answer and its follow-ups are its thread. */
    let pointsAtAnswer = false;
    /** A follow-up that names only things we do not answer for, each as something the student has. */
    let heldOthers = false;
    /** A message read alone (not as a follow-up): its scores. */
    let alone: MessageScores | undefined;
    /** What the scorers make of the message itself (a follow-up's rewritten text is scored apart). */
    let ownScores: MessageScores;
    // The language is detected only when something reads it (an elliptical follow-up,
    // `detectedLang` in the ask CLI), and at most once per Utterance.
    if (previous !== undefined && isElliptical(utterance)) {
      const lang = utterance.language.lang ?? 'vi';
      const followUp = followUpContext(previous, lang);
      ownScores = this.scores(utterance, analyse);
      const readInContext = (read: Utterance) => this.readAsFollowUp(utterance, read === utterance ? (ownScores as MessageScores) : this.scores(read, analyse), followUp);
      reading = readInContext(utterance);
      // What the follow-up does with the previous answer (thread.ts): a reaction, "what about X", a pronoun.
      move = threadMove(utterance, lang, this.content.lexicon.thread);
      // A reaction with words of its own ("thật không ạ, sao lại thiếu nhiều vậy") is about the last
      // answer unless the message is sure of another entry at the usual confidence (the lower bar of a
      // follow-up is not enough) and those words, read alone, put that same entry first.
      if (move.kind === 'reaction' && (move.pure || reading.candidates[0]?.id === previous.id || !this.isSure({ ...reading, continues: false }) || !this.saysMore(move.rest, reading.candidates[0].id, analyse))) {
        return reactionDecision(previous, reading.candidates, utterance);
      }
      const inThread = readInThread(move, utterance, previous, lang, this.content.entities, this.content.lexicon.thread, context?.previousQuestion);
      if (inThread.notOurs) return notOursDecision(previous, inThread.notOurs.words, utterance);
      // A follow-up of any shape that names only things we do not answer for ("còn thi IELTS thì ôn sao
      // cho nhanh" after the written test): refused like "what about Korea", the previous topic offered.
      // Not when the last answer named that thing itself (IELTS among PTIT's admission routes).
      const others = this.othersNamed(ownScores.mentions, utterance, previous.answer[lang]);
      if (others !== undefined) return notOursDecision(previous, others, utterance);
      // It names only others, as something the student has ("i have a toeic certificate, does that count?"):
      // a question about the last answer, which stays on it when nothing else fits.
      heldOthers = this.content.entities.namesOnlyOthers(ownScores.mentions);
      pointsAtAnswer = inThread.pointsAtAnswer === true;
      // "What about X" with X a thing we know: the previous question about X comes first. Otherwise
      // the message as written does when it is answered with confidence, else the rewritten one
      // ("xét tuyển vào PTIT bằng cách nào", "Azure for Students cần điều kiện gì em mới 17") when surer.
      const subject = this.subjectReading(inThread.subject, previous, analyse);
      // X alone reads as the previous question's own topic ("còn tiền ăn ở thì sao" after the scholarship):
      // the previous question about X comes first, whatever "còn ... thì sao" makes of the rest.
      const preferred = inThread.preferred === true || subject === 'previous';
      if (inThread.text !== undefined && subject !== 'elsewhere') {
        if (subject !== 'foreign' && (preferred || !this.isSure(reading))) {
          const rewritten = readInContext(this.read(inThread.text));
          const surer = (rewritten.candidates[0]?.confidence ?? 0) > (reading.candidates[0]?.confidence ?? 0);
          if (surer || (preferred && this.isSure(rewritten))) reading = rewritten;
        } else if ((subject === 'foreign' || move.kind === 'pronoun') && this.isSure(reading)) {
          // The message as written is sure of one entry and the rewritten one of another, and nothing
          // says which is meant: X holds words the knowledge base never uses ("tiền xe về quê"), or
          // the pronoun stood for a thing the message as written did not name ("can I code on it?"
          // after the Skilled Worker visa). "what about my wife?" (known words) keeps its own reading.
          const rewritten = readInContext(this.read(inThread.text));
          const [plainTop] = reading.candidates;
          const [rewrittenTop] = rewritten.candidates;
          if (rewrittenTop !== undefined && plainTop !== undefined && rewrittenTop.id !== plainTop.id && this.isSure(rewritten)) disagreeing = [rewrittenTop, plainTop];
        }
      }
    } else {
      const scores = (ownScores = this.scores(utterance, analyse));
      reading = { ...this.readScores(scores), continues: false };
      alone = scores;
      agreed = asksForSomeoneElse(utterance) && scores.novelty < AGREED_MAX_NOVELTY && bothRankFirst(reading, scores.votes) && reading.candidates[0].confidence >= this.thresholds.answer * AGREED_CONFIDENCE_SHARE;
    }
    const { prediction, candidates, inScope, continues } = reading;
    const thresholds = continues ? continuingThresholds(this.thresholds) : this.thresholds;
    // A parent's or relative's question is written unlike the knowledge base's (worry, the child's
    // story, "cháu nó", "my son"): when the learned model and BM25 still put the same entry first
    // and it is not far from an answer, it is offered at least, not refused.
    const decided = disagreeing ? { kind: 'suggest' as const, shown: disagreeing } : this.settled(decideKind(candidates, thresholds, agreed ? Math.max(inScope, thresholds.suggest) : inScope), utterance, reading, alone, thresholds);
    // A follow-up that names nothing of its own is not answered with another topic: offered beside the thread's.
    // A change of topic its own words answer (isNewTopic: the learned model alone is sure of it) names its subject.
    // "họ", "mấy trường đó", "the second one" for what the last answer listed, and nothing is sure: what
    // the bot can tell about them is that answer, given again as a reaction's (with its follow-ups).
    if ((pointsAtAnswer || heldOthers) && previous !== undefined && decided.kind !== 'answer') return reactionDecision(previous, candidates, utterance);
    const offThread =
      decided.kind === 'answer' && previous !== undefined && move !== undefined && reading.newTopic !== true
        ? this.offThread(decided.shown[0], previous, pointsAtAnswer, utterance, ownScores.mentions, analyse, candidates)
        : undefined;
    const neighbour =
      offThread === undefined && decided.kind === 'answer' && previous !== undefined && move !== undefined && reading.newTopic !== true
        ? this.unnamedNeighbour(decided.shown[0], previous, move, utterance, ownScores.mentions, analyse, candidates)
        : undefined;
    const { kind, shown } = offThread ? { kind: 'suggest' as const, shown: offThread } : neighbour ? { kind: 'suggest' as const, shown: neighbour } : decided;
    const entry = kind === 'answer' ? this.content.kb.byId.get(shown[0].id) : undefined;
    // A follow-up that says it continues but fits nothing: the reply says so and offers the previous topic.
    const unclear = previous !== undefined && kind === 'fallback' && move !== undefined && (move.kind !== 'none' || saysItFollows(utterance));
    return {
      ...(unclear ? { thread: { kind: 'unclear' as const, previousEntryId: previous.id } } : {}),
      kind,
      entry,
      alsoAsked: entry ? this.secondQuestion(utterance, entry.id, analyse) : undefined,
      confidence: candidates[0]?.confidence ?? 0,
      inScope,
      candidates: kind === 'suggest' ? [...shown, ...candidates.filter((candidate) => !shown.some((offered) => offered.id === candidate.id))] : candidates,
      get detectedLang() {
        const guess = utterance.language;
        return guess.sure ? guess.lang : null;
      },
      asked: prediction.asking,
    };
  }

  /**
   * A message read alone, settled by what the rankings agree on:
   * - a message that names only things we do not answer for (Korea, AWS, TOPIK, another
   *   university) and none we do is refused, whatever its words are close to: "when is the HSK
   *   exam this year" is not PN's timeline, though no entry is about another exam;
   * - a "did you mean" whose first candidate is also the learned model's first and plain
   *   MiniSearch's top hit (three rankings: learned weights, fused, and the message as typed with
   *   its typos matched fuzzily), and under AGREED_MAX_NOVELTY of whose question is words the
   *   knowledge base never uses, is answered: a long run-on message whose story thins out the
   *   fused confidence still names its subject plainly enough for both;
   * - a refused question asked for someone else whose fused first candidate is also BM25's first
   *   over the whole message and plain MiniSearch's top hit is offered (LEXICAL_AGREED_CONFIDENCE);
   * - a long message (LONG_MESSAGE_WORDS) whose fused first candidate is also BM25's first over its
   *   asking part and over the whole and plain MiniSearch's top hit is answered from a "did you
   *   mean", and offered from a refusal when the learned model's first is that entry too.
   */
  private settled(decided: { kind: Decision['kind']; shown: Candidate[] }, utterance: Utterance, reading: Reading, alone: MessageScores | undefined, thresholds: Thresholds): { kind: Decision['kind']; shown: Candidate[] } {
    if (alone === undefined) return decided;
    if (this.content.entities.asksAboutOthers(alone.mentions, utterance.text)) return decided.kind === 'fallback' ? decided : { kind: 'fallback', shown: [] };
    const [top] = reading.candidates;
    if (top === undefined || alone.novelty >= AGREED_MAX_NOVELTY) return decided;
    if (decided.kind === 'suggest' && reading.prediction.ranked[0]?.id === top.id && this.plainTop(utterance.text) === top.id) return { kind: 'answer', shown: [top] };
    // A long message whose fused first candidate every word count puts first too: answered when it
    // was offered, offered when it was refused and the learned model agrees as well.
    if (alone.words >= LONG_MESSAGE_WORDS && alone.votes.asked === top.id && alone.votes.whole === top.id && this.plainTop(utterance.text) === top.id) {
      if (decided.kind === 'suggest') return { kind: 'answer', shown: [top] };
      if (decided.kind === 'fallback' && reading.prediction.ranked[0]?.id === top.id) return decideKind(reading.candidates, thresholds, thresholds.suggest);
    }
    if (decided.kind === 'fallback' && top.confidence >= LEXICAL_AGREED_CONFIDENCE && alone.votes.whole === top.id && asksForSomeoneElse(utterance) && this.plainTop(utterance.text) === top.id) {
      return decideKind(reading.candidates, thresholds, thresholds.suggest);
    }
    return decided;
  }

  /** Plain MiniSearch's top hit for a text. */
  private plainTop(text: string): string | undefined {
    return this.plainTopHit(text);
  }

  /** The learned model's reading of a message, the novelty of its asking part and of the whole, and the BM25 votes on both. */
  private scores(utterance: Utterance, analyse: (text: string) => TextAnalysis): MessageScores {
    const reading = this.matcher.read(utterance, analyse);
    const asked = analyse(reading.asking);
    const whole = analyse(utterance.text);
    // A message that is all question is its own asking part (one analysis): measured and voted on once.
    const novelty = this.index.noveltyOf(asked);
    const askedVote = this.lexical.topEntryOf(asked);
    return {
      reading,
      novelty,
      wholeNovelty: whole === asked ? novelty : this.index.noveltyOf(whole),
      votes: { asked: askedVote, whole: whole === asked ? askedVote : this.lexical.topEntryOf(whole) },
      words: whole.tokens.length,
      // The whole message: "My son failed his Cisco exam. Can he retake it?" names Cisco before it asks.
      mentions: this.content.entities.mentions(utterance.text, whole.typed),
    };
  }

  /**
   * What the fusion reads of a message (after `previousEntryId`'s answer when given, as a
   * follow-up when it reads as one), and the candidates its entities leave: what
   * `npm run eval -- --fit-fusion` fits the fusion's weights on.
   */
  fusionInput(text: string, previousEntryId?: string): { input: FusionInput; ours: (candidates: Candidate[]) => Candidate[] } {
    const utterance = this.read(text);
    const previous = previousEntryId ? this.content.kb.byId.get(previousEntryId) : undefined;
    const followUp = previous !== undefined && isElliptical(utterance) ? followUpContext(previous, utterance.language.lang ?? 'vi') : undefined;
    const scores = this.scores(utterance, analysisOnce(this.content.lexicon, utterance, this.knownTerms));
    return { input: this.fusionInputOf(scores, followUp), ours: (candidates) => this.ours(candidates, scores.mentions) };
  }

  private fusionInputOf(scores: MessageScores, followUp?: MatchingContext): FusionInput {
    const prediction = this.matcher.predictFrom(scores.reading, followUp);
    const votes = followUp ? votesInContext(scores.votes, followUp) : scores.votes;
    return { prediction, novelty: scores.novelty, wholeNovelty: scores.wholeNovelty, votes, words: scores.words, inContext: followUp !== undefined };
  }

  private readScores(scores: MessageScores, followUp?: MatchingContext): Reading {
    const input = this.fusionInputOf(scores, followUp);
    const prediction = input.prediction;
    const candidates = this.ours(fusedCandidates(input, this.content.fusion), scores.mentions).slice(0, MAX_CANDIDATES);
    return { prediction, candidates, inScope: inScopeProbability(input, candidates, this.content.fusion) };
  }

  /** An elliptical message read in the light of the previous answer; `continues` when its best reading stays on that topic. */
  private readAsFollowUp(utterance: Utterance, scores: MessageScores, followUp: MatchingContext): Reading & { continues: boolean; newTopic?: boolean } {
    const inContext = this.readScores(scores, followUp);
    // A change of topic: a message that neither says it continues nor points back, and that
    // its own words answer confidently outside the previous topic, keeps its own reading.
    if (!saysItFollows(utterance)) {
      const alone = this.readScores(scores);
      if (this.isNewTopic(alone, inContext.candidates[0], followUp)) return { ...alone, continues: false, newTopic: true };
    }
    // A follow-up that continues the topic needs less confidence: the conversation says
    // what it is about even when its own words say little ("what about my wife?").
    const top = inContext.candidates[0];
    return { ...inContext, continues: top !== undefined && followUp.prior(top.id) > 1 };
  }

  /**
   * What X, added to the previous question, reads as alone. `elsewhere`: X is not only the
   * subject, as it names another entry by itself ("the visa after that", "nếu rớt"). `foreign`:
   * X uses words the knowledge base does not (numbers aside: "em mới 17"; "what about the
   * weather?" is no question of ours, and the previous question with "weather" added would
   * only be answered again). `previous`: X alone leans to the previous entry, however little
   * ("tiền ăn ở", "laptop" after the scholarship). `unsure`: X says nothing by itself ("my
   * wife"). `none`: X was not added.
   */
  private subjectReading(subject: string | undefined, previous: KnowledgeEntry, analyse: (text: string) => TextAnalysis): 'none' | 'previous' | 'unsure' | 'elsewhere' | 'foreign' {
    if (subject === undefined) return 'none';
    if (!this.index.unknownWordsOf(analyse(subject)).words.every((word) => !/\p{L}/u.test(word))) return 'foreign';
    const alone = this.matcher.predictFrom(this.matcher.read(this.read(subject), analyse)).ranked[0];
    // X alone leans to the previous entry, however little ("laptop" after the scholarship): it is that entry's.
    if (alone?.id === previous.id) return 'previous';
    if (alone === undefined || alone.probability < NEW_TOPIC_PROBABILITY) return 'unsure';
    return 'elsewhere';
  }

  /**
   * The words a reaction says besides reacting ("and is the course free", not "that long"),
   * read alone, put `entryId` first: they, not the reaction, take the message there.
   */
  private saysMore(rest: string | undefined, entryId: string, analyse: (text: string) => TextAnalysis): boolean {
    if (rest === undefined || rest.trim() === '') return false;
    const alone = this.readScores(this.scores(this.read(rest), analyse));
    // The fused ranking or the learned model's alone: short words are often read differently by the two.
    return alone.candidates[0]?.id === entryId || alone.prediction.ranked[0]?.id === entryId;
  }

  /**
   * A follow-up answered with an entry outside its thread (the previous entry, its follow-ups
   * and, unless a pointing word stood for what the answer listed, its area) while the message
   * names no subject of its own (no thing of entities.yaml, no specific word only that entry
   * uses and the thread does not): a wrong answer would mislead, so that entry is offered
   * with the thread's likeliest entries instead. Undefined when the answer stands.
   */
  private offThread(
    answered: Candidate,
    previous: KnowledgeEntry,
    pointsAtAnswer: boolean,
    utterance: Utterance,
    mentions: Mentions,
    analyse: (text: string) => TextAnalysis,
    candidates: Candidate[],
  ): Candidate[] | undefined {
    const inThread = (id: string) => id === previous.id || previous.followUps.includes(id) || (!pointsAtAnswer && id.startsWith(`${previous.area}.`));
    if (inThread(answered.id)) return undefined;
    if (mentions.size > 0) return undefined;
    const analysis = analyse(utterance.text);
    if (this.index.termsOnlyIn(analysis, answered.id, inThread, MAX_SUBJECT_ENTRIES).length > 0) return undefined;
    return [answered, ...threadOffer(previous, candidates.filter((candidate) => candidate.id !== answered.id), inThread, this.content.kb.byId)].slice(0, MAX_SUGGESTED);
  }

  /**
   * A pronoun or "what about X" follow-up answered with another entry than the one just
   * answered, while the message names nothing that entry speaks of and the previous one does
   * not (no thing of entities.yaml, no word of its phrasings that the previous entry's lack): "nó
   * có miễn phí không" after Azure for Students may be Azure's free credit or the free
   * courses, and "miễn phí" is in both. A neighbour's answer would mislead, so it is offered
   * beside the previous entry. Undefined when the answer stands.
   */
  private unnamedNeighbour(
    answered: Candidate,
    previous: KnowledgeEntry,
    move: ThreadMove,
    utterance: Utterance,
    mentions: Mentions,
    analyse: (text: string) => TextAnalysis,
    candidates: Candidate[],
  ): Candidate[] | undefined {
    if ((move.kind !== 'pronoun' && move.kind !== 'what-about') || answered.id === previous.id || mentions.size > 0) return undefined;
    if (this.index.termsOnlyIn(analyse(utterance.text), answered.id, (id) => id === previous.id).length > 0) return undefined;
    const previousCandidate = candidates.find((candidate) => candidate.id === previous.id) ?? { id: previous.id, confidence: 0, score: 0 };
    const others = candidates.filter((candidate) => candidate.id !== answered.id && candidate.id !== previous.id);
    return [answered, previousCandidate, ...others].slice(0, MAX_SUGGESTED);
  }

  /**
   * The words naming the first thing of the message when it names only things we do not answer
   * for (places and visas aside) and none of them is one `lastAnswer` named.
   */
  private othersNamed(mentions: Mentions, utterance: Utterance, lastAnswer: string): string | undefined {
    const { entities } = this.content;
    if (!entities.asksAboutOthers(mentions, utterance.text)) return undefined;
    const answered = entities.mentions(lastAnswer);
    if ([...mentions].some(([kind, named]) => [...named].some((entity) => answered.get(kind)?.has(entity)))) return undefined;
    return entities.named(utterance.text).find((thing) => !entities.isOurs(thing.kind, thing.entity))?.words;
  }

  /** The reading's first candidate is answered (the thresholds of a follow-up that continues the topic when it does). */
  private isSure(reading: Reading & { continues: boolean }): boolean {
    const top = reading.candidates[0];
    return top !== undefined && top.confidence >= (reading.continues ? continuingThresholds(this.thresholds) : this.thresholds).answer;
  }

  /** The message alone answers an entry outside the previous topic at least as surely as it reads in context. */
  private isNewTopic(aloneReading: Reading, inContext: Candidate | undefined, followUp: MatchingContext): boolean {
    const alone = aloneReading.candidates[0];
    if (!alone || alone.confidence < this.thresholds.answer || followUp.prior(alone.id) > 1) return false;
    // The learned model itself must be sure of the other topic: BM25's vote alone reads "bao nhiêu
    // tiền?" as the exam's cost, whatever the conversation was about (see votesInContext).
    const learned = aloneReading.prediction.ranked.find((entry) => entry.id === alone.id)?.probability ?? 0;
    if (learned < NEW_TOPIC_PROBABILITY) return false;
    return !inContext || alone.confidence >= inContext.confidence;
  }

  /**
   * When the message asks two things ("Học bổng gồm những gì? Còn thi những môn nào?"),
   * the entry that confidently answers another of its questions than the one answered.
   */
  private secondQuestion(utterance: Utterance, answered: string, analyse: (text: string) => TextAnalysis): string | undefined {
    // The first few questions only: a pasted wall of questions must not cost a prediction each.
    const sentences = utterance.askingSentences.slice(0, MAX_QUESTIONS_READ);
    if (sentences.length < 2) return undefined;
    for (const sentence of sentences) {
      const prediction = this.matcher.predictFrom(this.matcher.read(sentence, analyse));
      // The sentence's own words, not its asking part's: it is one question already.
      const analysis = analyse(sentence);
      const novelty = this.index.noveltyOf(analysis);
      const vote = this.lexical.topEntryOf(analysis);
      const input = { prediction, novelty, wholeNovelty: novelty, votes: { asked: vote, whole: vote }, words: analysis.tokens.length };
      const [top] = this.ours(fusedCandidates(input, this.content.fusion), this.content.entities.mentions(sentence, analysis.typed));
      if (top && top.id !== answered && top.confidence >= this.thresholds.answer) return top.id;
    }
    return undefined;
  }

  /** Candidates whose entry is about another country, vendor, organisation or exam than the message names are not offered. */
  private ours(candidates: Candidate[], mentions: Mentions): Candidate[] {
    return mentions.size === 0 ? candidates : candidates.filter((candidate) => !this.content.entities.contradicts(candidate.id, mentions));
  }

  entry(id: string): KnowledgeEntry | undefined {
    return this.content.kb.byId.get(id);
  }
}

/**
 * A reaction to the previous answer ("sao vậy?", "really? why?"): that answer again, which
 * holds what the knowledge base can say about it (the reply says so first).
 */
function reactionDecision(previous: KnowledgeEntry, candidates: Candidate[], utterance: Utterance): Decision {
  return {
    kind: 'answer',
    entry: previous,
    confidence: candidates.find((candidate) => candidate.id === previous.id)?.confidence ?? 0,
    candidates,
    get detectedLang() {
      const guess = utterance.language;
      return guess.sure ? guess.lang : null;
    },
    thread: { kind: 'reaction', previousEntryId: previous.id },
  };
}

/** "What about X" where X is only something we do not answer for (Korea, AWS): refused, the previous topic offered. */
function notOursDecision(previous: KnowledgeEntry, named: string, utterance: Utterance): Decision {
  return {
    kind: 'fallback',
    confidence: 0,
    inScope: 0,
    candidates: [],
    get detectedLang() {
      const guess = utterance.language;
      return guess.sure ? guess.lang : null;
    },
    thread: { kind: 'not-ours', previousEntryId: previous.id, named },
  };
}

/**
 * The thread's entries to offer: those the reading ranks, then the previous answer's
 * follow-ups and that answer itself.
 */
function threadOffer(previous: KnowledgeEntry, candidates: Candidate[], inThread: (id: string) => boolean, entries: ReadonlyMap<string, KnowledgeEntry>): Candidate[] {
  const ranked = candidates.filter((candidate) => inThread(candidate.id));
  const ids = [...ranked.map((candidate) => candidate.id), ...previous.followUps, previous.id];
  const offered = ids.filter((id, at) => ids.indexOf(id) === at && entries.has(id));
  return offered.map((id) => ranked.find((candidate) => candidate.id === id) ?? { id, confidence: 0, score: 0 }).slice(0, MAX_SUGGESTED);
}

/** A word names a subject of its own when at most this many entries use it ("trượt" does not: retakes, entrance tests, ...). */
const MAX_SUBJECT_ENTRIES = 2;
/** How many entries a "did you mean" shows (the conversation shows three). */
const MAX_SUGGESTED = 3;
/** How many candidates a decision carries (three are shown; the rest explain it). */
const MAX_CANDIDATES = 5;
/** The learned probability at which a follow-up's own words name another topic than the previous one. */
const NEW_TOPIC_PROBABILITY = 0.5;
/** How many questions of one message are looked at for a second one. */
const MAX_QUESTIONS_READ = 4;
/** The thresholds for a follow-up that continues the topic, as shares of the usual ones. */
const CONTEXT_ANSWER_FACTOR = 0.8;
const CONTEXT_SUGGEST_FACTOR = 0.6;

function continuingThresholds(thresholds: Thresholds): Thresholds {
  return { ...thresholds, answer: thresholds.answer * CONTEXT_ANSWER_FACTOR, suggest: thresholds.suggest * CONTEXT_SUGGEST_FACTOR };
}

function trainingPhrases(content: LoadedKnowledge) {
  return [...phrasesOf(content.kb), ...offTopicPhrases(content.offTopic)];
}

function learnMatcher(content: LoadedKnowledge): LearnedMatcher {
  return LearnedMatcher.create(content.kb.entries.map((entry) => entry.id), trainingPhrases(content), content.lexicon);
}

/** The folder's knowledge base, compiled or opened from the store (CONTENT_CACHE_DIR by default: see compiled.ts). */
export async function loadAnswerer(options: { knowledgeDir: string; thresholds?: Thresholds; store?: ArtefactStore }): Promise<KnowledgeAnswerer> {
  const parts = await compiledKnowledge(await readKnowledgeFiles(options.knowledgeDir), options.store ?? artefactStoreFromEnv());
  return new KnowledgeAnswerer(parts.content, options.thresholds, parts);
}

/** The learned model's first entry, BM25's over the whole message and the fused first candidate are one entry. */
function bothRankFirst(reading: Reading, votes: LexicalVotes): boolean {
  const top = reading.candidates[0]?.id;
  return top !== undefined && reading.prediction.ranked[0]?.id === top && votes.whole === top;
}
