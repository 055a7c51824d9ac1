/**
 * The learned matcher: a softmax model over every entry plus "none of them", trained when
 * the content loads from the knowledge base's phrasings (with augmentations) and from the
 * staff's off-topic examples (knowledge/offtopic.yaml). It reads a long message twice,
 * whole and by its asking part, and an elliptical follow-up in the light of the entry
 * answered just before.
 */
import { askingPart, withoutAskingPhrase } from '../../language/asking-part';
import type { Utterance } from '../../language/utterance';
import type { Lexicon } from '../../language/lexicon';
import type { KnowledgeBase, Lang } from '../types';
import { augmentations, story, type Phrase } from './augment';
import { analyzeText, type TextAnalysis } from '../../language/analyze';
import { FeatureColumns } from './feature-columns';
import { featuresOf, featuresOfAnalysis, type FeatureBag } from './features';
import { seededRandom } from './random';
import { runInSlices, runToEnd } from './slices';
import { DEFAULT_TRAIN_OPTIONS, SoftmaxModel, softmax, type StoredSoftmax, type TrainOptions } from './softmax';
import { TrainingSet } from './training-set';

/** The class of messages no entry answers. Always the last class. */
export const NONE = '__none__';

export type OffTopicExamples = Record<Lang, string[]>;

export interface MatcherOptions {
  /** Augmented copies made of each phrasing. */
  copies: number;
  /** Off-topic examples are copied this many times more (there are fewer of them). */
  offTopicCopies: number;
  /** Weight of the asking part against the whole message when a story came first. */
  askingWeight: number;
  train: TrainOptions;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = { copies: 3, offTopicCopies: 4, askingWeight: 0.6, train: DEFAULT_TRAIN_OPTIONS };

export interface ClassProbability {
  id: string;
  probability: number;
}

export interface Prediction {
  /** The most probable entries (up to eight), most probable first, without the "none" class. */
  ranked: ClassProbability[];
  /** Probability that no entry answers the message. */
  none: number;
  /** The part of the message read as the question (the whole message when nothing was trimmed). */
  asking: string;
  /** False when no word of the message is known to the model: nothing to go on. */
  understood: boolean;
}

/** Text read together with a message at a lower weight (the question a follow-up continues). */
export interface Expansion {
  text: string;
  weight: number;
  /** The entry the text is the question of. */
  source: string;
}

/** What the conversation adds to the reading of a message (see ../follow-up.ts). */
export interface MatchingContext {
  /** Multiplies each entry's probability ("none" keeps weight 1), then renormalised. */
  prior: (id: string) => number;
  expansion?: Expansion;
}

/** What the model reads in a message before any conversation context: made once per message. */
export interface MessageReading {
  /** Log-odds of every class (the whole message blended with its asking part); never changed in place. */
  readonly logits: Float64Array;
  asking: string;
  understood: boolean;
}

export interface LabelledPhrase extends Phrase {
  /** Entry id, or NONE. */
  label: string;
  /** The entry's main question: the phrasing that says best what the entry answers. */
  main?: boolean;
}

/** Every phrasing of the knowledge base, labelled by its entry. */
export function phrasesOf(kb: KnowledgeBase): LabelledPhrase[] {
  return kb.entries.flatMap((entry) =>
    (['vi', 'en'] as const).flatMap((lang) => [
      { text: entry.question[lang], lang, label: entry.id, main: true },
      ...entry.alternates[lang].map((text) => ({ text, lang, label: entry.id })),
    ]),
  );
}

export function offTopicPhrases(examples: OffTopicExamples): LabelledPhrase[] {
  return (['vi', 'en'] as const).flatMap((lang) => examples[lang].map((text) => ({ text, lang, label: NONE })));
}

/** A trained matcher as plain data (its lexicon comes with the knowledge it was trained on). */
export interface StoredMatcher {
  entryIds: string[];
  model: StoredSoftmax;
  options: MatcherOptions;
}

export class LearnedMatcher {
  private readonly classes: string[];
  /** Log-odds of a text with no known feature: what an expansion's words add is measured from it. */
  private readonly biasLogits: Float64Array;
  private readonly expansions = new Map<string, Float64Array>();
  /** Reads a message's features into the model's columns without naming them (null: a hashed vocabulary, read by name). */
  private readonly featureColumns: FeatureColumns | null;

  private constructor(
    entryIds: string[],
    private readonly model: SoftmaxModel,
    private readonly lexicon: Lexicon,
    private readonly options: MatcherOptions,
  ) {
    this.classes = [...entryIds, NONE];
    this.biasLogits = model.logits(new Map());
    const names = model.columnNames();
    this.featureColumns = names ? new FeatureColumns(names) : null;
  }

  /** Trains at once (CLIs, tests, cross-validation). */
  static create(entryIds: string[], phrases: LabelledPhrase[], lexicon: Lexicon, options = optionsFor(entryIds.length)): LearnedMatcher {
    const examples = runToEnd(trainingExamples(entryIds, phrases, lexicon, options));
    return new LearnedMatcher(entryIds, SoftmaxModel.train(examples, entryIds.length + 1, options.train), lexicon, options);
  }

  /** Builds the examples and trains in slices, leaving the event loop free between them (the running bot). */
  static async learn(entryIds: string[], phrases: LabelledPhrase[], lexicon: Lexicon, options = optionsFor(entryIds.length)): Promise<LearnedMatcher> {
    const examples = await runInSlices(trainingExamples(entryIds, phrases, lexicon, options));
    return new LearnedMatcher(entryIds, await SoftmaxModel.trainInSlices(examples, entryIds.length + 1, options.train), lexicon, options);
  }

  toStored(): StoredMatcher {
    return { entryIds: this.classes.slice(0, -1), model: this.model.toStored(), options: this.options };
  }

  /** A matcher trained earlier (a compiled bundle), without training again. */
  static fromStored(stored: StoredMatcher, lexicon: Lexicon): LearnedMatcher {
    return new LearnedMatcher(stored.entryIds, SoftmaxModel.fromStored(stored.model), lexicon, stored.options);
  }

  predict(text: string, context?: MatchingContext): Prediction {
    return this.predictFrom(this.read(text), context);
  }

  /**
   * The context-free part of a prediction. `analyse` lets the caller share one analysis
   * of each text among the scorers that read the same message (see analysisOnce).
   */
  read(message: string | Pick<Utterance, 'text' | 'asking'>, analyse: (text: string) => TextAnalysis = (part) => analyzeText(part, this.lexicon)): MessageReading {
    // An Utterance has found its asking part already.
    const text = typeof message === 'string' ? message : message.text;
    const asking = typeof message === 'string' ? askingPart(message) : message.asking;
    // Words the model never saw are left out before it reads (SoftmaxModel.knownOnly).
    const whole = this.readKnown(analyse(text));
    const known = whole.known;
    let logits = whole.logits;
    // The question without "cho em hỏi", "I wanted to ask": those words are the story's too.
    const question = withoutAskingPhrase(asking.text, asking.folded);
    if (asking.trimmed || question !== asking.text) logits = blend(logits, this.readKnown(analyse(question)).logits, this.options.askingWeight);
    return { logits, asking: question, understood: known > 0 };
  }

  /** A prediction from a message's reading, in a conversation's context (the reading is left as it was). */
  predictFrom(reading: MessageReading, context?: MatchingContext): Prediction {
    let logits = reading.logits;
    if (context?.expansion) {
      logits = Float64Array.from(logits);
      this.expand(logits, context.expansion);
    }
    const probabilities = softmax(logits);
    if (context) reweigh(probabilities, this.classes, context.prior);
    const none = probabilities[this.classes.length - 1];
    const ranked = topEntries(probabilities, this.classes.length - 1, RANKED_LIMIT).map((index) => ({ id: this.classes[index], probability: probabilities[index] }));
    return { ranked, none, asking: reading.asking, understood: reading.understood };
  }

  /**
   * The words (and word pairs, letter groups) of the text that pushed it towards an entry
   * most, strongest first: what `npm run ask -- --explain` shows staff.
   */
  explain(text: string, entryId: string, limit = 8): { feature: string; value: number }[] {
    const index = this.classes.indexOf(entryId);
    if (index < 0) return [];
    return this.model.contributions(this.features(askingPart(text).text), index).slice(0, limit);
  }

  /**
   * Query expansion: adds what the expansion text's words say about each class, at its
   * weight, as if they had been written into the message. The source entry gains no more
   * than the best other entry: the text names the topic, not the answer wanted next.
   */
  private expand(logits: Float64Array, expansion: Expansion): void {
    const extra = Float64Array.from(this.expansionLogits(expansion.text));
    const bias = this.biasLogits;
    const source = this.classes.indexOf(expansion.source);
    if (source >= 0) {
      let closest = -Infinity;
      for (let i = 0; i < this.classes.length - 1; i++) if (i !== source) closest = Math.max(closest, extra[i]);
      extra[source] = Math.min(extra[source], closest);
    }
    for (let i = 0; i < logits.length; i++) logits[i] += expansion.weight * (extra[i] - bias[i]);
  }

  /**
   * Log-odds of an expansion text. Expansions are the knowledge base's own questions (the
   * entry answered before), so they are kept for this model's life, at most a few per entry.
   */
  private expansionLogits(text: string): Float64Array {
    let logits = this.expansions.get(text);
    if (!logits) {
      if (this.expansions.size >= 2 * this.classes.length) this.expansions.clear();
      logits = this.model.logits(this.features(text));
      this.expansions.set(text, logits);
    }
    return logits;
  }

  /** The model's reading of a text's known features: by column when the vocabulary is exact, else by name (hashed columns). */
  private readKnown(analysis: TextAnalysis): { logits: Float64Array; known: number } {
    return this.featureColumns ? this.model.readVector(this.featureColumns.read(analysis)) : this.model.readKnown(featuresOfAnalysis(analysis));
  }

  private features(text: string): FeatureBag {
    return featuresOf(text, this.lexicon);
  }
}

/** The main question of an entry is trained on this many more copies than an alternate. */
const MAIN_QUESTION_EXTRA_COPIES = 3;

/** Examples analysed between two turns of the event loop. */
const EXAMPLES_PER_SLICE = 200;

/**
 * A knowledge base of hundreds of entries trains on fewer copies, fewer passes and a
 * sample of the other entries per step: the rebuild stays within seconds, not minutes.
 */
export function optionsFor(entryCount: number): MatcherOptions {
  if (entryCount <= 200) return DEFAULT_MATCHER_OPTIONS;
  return { ...DEFAULT_MATCHER_OPTIONS, copies: 1, offTopicCopies: 2, train: { ...DEFAULT_TRAIN_OPTIONS, epochs: 4, sampledNegatives: 12 } };
}

/**
 * Augmented, featurised examples of every class (the last class is NONE), yielding
 * between slices. Each example goes into the set as soon as it is made (see TrainingSet).
 */
function* trainingExamples(entryIds: string[], phrases: LabelledPhrase[], lexicon: Lexicon, options: MatcherOptions): Generator<void, TrainingSet, void> {
  const examples = new TrainingSet();
  // Every copy of a phrasing, and every story sentence, repeats words: each is analysed once per build.
  const termCache = new Map<string, string>();
  for (const { text, label } of labelledTexts(entryIds, phrases, options)) {
    examples.add(featuresOf(text, lexicon, termCache), label);
    if (examples.size % EXAMPLES_PER_SLICE === 0) yield;
  }
  return examples;
}

/** Every training text with its class: each phrasing and its augmented copies, then stories that ask nothing (NONE). */
function* labelledTexts(entryIds: string[], phrases: LabelledPhrase[], options: MatcherOptions): Generator<{ text: string; label: number }, void, void> {
  const classIndex = new Map([...entryIds, NONE].map((id, index) => [id, index]));
  const none = entryIds.length;
  const random = seededRandom(options.train.seed);
  for (const phrase of phrases) {
    const label = classIndex.get(phrase.label);
    if (label === undefined) continue;
    const copies = label === none ? options.offTopicCopies : options.copies + (phrase.main ? MAIN_QUESTION_EXTRA_COPIES : 0);
    for (const text of augmentations(phrase, random, copies)) yield { text, label };
  }
  // A story with no question in it is not a question for any entry.
  for (let i = 0; i < Math.max(20, phrases.length / 20); i++) yield { text: story(i % 3 === 0 ? 'en' : 'vi', random), label: none };
}

/** How many entries a prediction ranks: enough for an answer, three suggestions and their rivals. */
const RANKED_LIMIT = 8;

/** Indexes of the `limit` highest of the first `count` values, highest first (no full sort: a large knowledge base has a thousand). */
function topEntries(values: Float64Array, count: number, limit: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    if (top.length === limit && values[i] <= values[top[limit - 1]]) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && values[top[at - 1]] < values[i]) at--;
    top.splice(at, 0, i);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Multiplies each entry's probability by its prior and renormalises ("none" keeps weight 1). */
function reweigh(probabilities: Float64Array, classes: string[], prior: (id: string) => number): void {
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) total += probabilities[i] *= classes[i] === NONE ? 1 : prior(classes[i]);
  for (let i = 0; i < probabilities.length; i++) probabilities[i] /= total;
}

/** (1 - w) * a + w * b, as a new array. */
function blend(a: Float64Array, b: Float64Array, weight: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (1 - weight) * a[i] + weight * b[i];
  return out;
}
