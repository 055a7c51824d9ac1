/**
 * A multinomial logistic regression (softmax) over sparse features, trained by plain
 * stochastic gradient descent when the content loads. Its output is a probability per
 * entry plus one for "none of the entries", which is the confidence the bot decides on:
 * unlike a coverage score, it does not sink when a student tells their story before the
 * question, because story words were seen around every entry in training.
 *
 * Memory is bounded: weights are a dense classes x features matrix while that fits the
 * budget, and features are hashed into fewer columns when it would not (very large
 * knowledge bases), trading a little accuracy for a fixed footprint.
 */
import type { FeatureVector } from './feature-columns';
import type { FeatureBag } from './features';
import { seededRandom, shuffleInPlace, type Random } from './random';
import { runInSlices, runToEnd } from './slices';
import type { PackedRows, TrainingSet } from './training-set';

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  seed: number;
  /** Above this many classes each step updates the true class and a sample of others. */
  fullSoftmaxLimit: number;
  sampledNegatives: number;
  /** Most weights (classes x columns) the model may hold. */
  weightBudget: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 10,
  learningRate: 0.6,
  seed: 7,
  fullSoftmaxLimit: 80,
  sampledNegatives: 40,
  weightBudget: 12_000_000,
};

/** Gradients smaller than this are skipped: they would not change a decision. */
const GRADIENT_FLOOR = 1e-3;
/** Training steps between two turns of the event loop (a few milliseconds of work). */
const SLICE_STEPS = 400;
/** Feature occurrences given their hashed column between two turns of the event loop. */
const HASHING_SLICE = 200_000;

/** A trained model as plain data (see StoredKnowledge): restored, it gives the same logits to the bit. */
export interface StoredSoftmax {
  classCount: number;
  /** Feature names by column, or null when features are hashed into `hashedColumns`. */
  columns: string[] | null;
  hashedColumns: number;
  weights: Float32Array;
  bias: Float32Array;
}

export class SoftmaxModel {
  private constructor(
    readonly classCount: number,
    private readonly columns: Map<string, number> | null,
    private readonly hashedColumns: number,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {
    this.liveClasses = new Int32Array(classCount);
  }

  /** The classes a training step updates (scratch, reused by every step). */
  private readonly liveClasses: Int32Array;

  static train(examples: TrainingSet, classCount: number, options: TrainOptions = DEFAULT_TRAIN_OPTIONS): SoftmaxModel {
    return runToEnd(SoftmaxModel.training(examples, classCount, options));
  }

  /**
   * The same training, giving the event loop a turn every few milliseconds: a content
   * reload retrains while the bot keeps answering with the previous model.
   */
  static trainInSlices(examples: TrainingSet, classCount: number, options: TrainOptions = DEFAULT_TRAIN_OPTIONS): Promise<SoftmaxModel> {
    return runInSlices(SoftmaxModel.training(examples, classCount, options));
  }

  /** Yields after every slice of SLICE_STEPS updates; returns the trained model. */
  private static *training(examples: TrainingSet, classCount: number, options: TrainOptions): Generator<void, SoftmaxModel, void> {
    const vocabulary = examples.vocabulary;
    const exact = vocabulary.size * classCount <= options.weightBudget;
    const hashedColumns = exact ? 0 : Math.max(1024, Math.floor(options.weightBudget / classCount));
    const columnCount = exact ? vocabulary.size : hashedColumns;
    const model = new SoftmaxModel(classCount, exact ? vocabulary : null, hashedColumns, new Float32Array(columnCount * classCount), new Float32Array(classCount));
    const rows = examples.packed();
    if (!exact) {
      // Hashed (a very large knowledge base): each feature's column once, then every occurrence, in slices.
      const names = examples.names();
      yield;
      const hashed = new Int32Array(names.length);
      for (let i = 0; i < names.length; i++) {
        hashed[i] = hashOf(names[i]) % hashedColumns;
        if (i % HASHING_SLICE === HASHING_SLICE - 1) yield;
      }
      yield;
      for (let i = 0; i < rows.columns.length; i++) {
        rows.columns[i] = hashed[rows.columns[i]];
        if (i % HASHING_SLICE === HASHING_SLICE - 1) yield;
      }
    }
    yield;
    // Another stream than the augmentation's (same seed): shuffling must not mirror it.
    const random = seededRandom(options.seed + 1);
    const order = Array.from(rows.labels, (_, index) => index);
    const scores = new Float64Array(classCount);
    let steps = 0;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.learningRate / (1 + epoch * 0.35);
      for (const index of shuffleInPlace(random, order)) {
        const label = rows.labels[index];
        const classes = classCount <= options.fullSoftmaxLimit ? null : sampleClasses(random, classCount, label, options.sampledNegatives);
        model.step(rows, index, classes, rate, scores);
        if (++steps % SLICE_STEPS === 0) yield;
      }
    }
    return model;
  }

  toStored(): StoredSoftmax {
    let columns: string[] | null = null;
    if (this.columns) {
      columns = new Array<string>(this.columns.size);
      for (const [name, column] of this.columns) columns[column] = name;
    }
    return { classCount: this.classCount, columns, hashedColumns: this.hashedColumns, weights: this.weights, bias: this.bias };
  }

  static fromStored(stored: StoredSoftmax): SoftmaxModel {
    const columns = stored.columns ? new Map(stored.columns.map((name, column) => [name, column])) : null;
    const columnCount = stored.columns ? stored.columns.length : stored.hashedColumns;
    // A stored model of another shape (a damaged artefact) must not be read past its end.
    if (!(stored.weights instanceof Float32Array) || !(stored.bias instanceof Float32Array) || stored.weights.length !== columnCount * stored.classCount || stored.bias.length !== stored.classCount) {
      throw new Error('the stored model does not have the shape it says');
    }
    return new SoftmaxModel(stored.classCount, columns, stored.hashedColumns, stored.weights, stored.bias);
  }

  /** How many of a text's features the model has weights for (0: it knows none of its words). */
  knownFeatures(features: FeatureBag): number {
    let known = 0;
    for (const name of features.keys()) if (this.columnOf(name) !== undefined) known++;
    return known;
  }

  /**
   * The features the model knows, at unit length again. Words no training text had say
   * nothing about any class, so they must not thin out the ones that do: read with them,
   * every word of back-story the knowledge base never uses ("my village is two hours by
   * bus…") weakens the question's own words, and a long message reads less surely than the
   * same question alone. How much of a message such words are is read apart, as the
   * fusion's `novelty` (fusion.ts).
   */
  knownOnly(features: FeatureBag): FeatureBag {
    const known: FeatureBag = new Map();
    let norm = 0;
    for (const [name, value] of features) {
      if (this.columnOf(name) === undefined) continue;
      known.set(name, value);
      norm += value * value;
    }
    if (known.size === features.size || norm === 0) return features;
    const scale = 1 / Math.sqrt(norm);
    for (const [name, value] of known) known.set(name, value * scale);
    return known;
  }

  /**
   * `logits(knownOnly(features))` and `knownFeatures(features)` in one pass, to the bit: each
   * feature's column is looked up once, not three times (every message is read so, and the
   * lookups of its feature names were most of the reading's cost).
   */
  readKnown(features: FeatureBag): { logits: Float64Array; known: number } {
    // Sized once (a long message has hundreds of features), filled in the features' order.
    const columns = new Int32Array(features.size);
    const values = new Float64Array(features.size);
    let known = 0;
    let norm = 0;
    features.forEach((value, name) => {
      const column = this.columnOf(name);
      if (column === undefined) return;
      columns[known] = column;
      values[known] = value;
      known++;
      norm += value * value;
    });
    // As knownOnly: back at unit length when some features were left out.
    const rescale = known !== features.size && norm !== 0;
    const scale = rescale ? 1 / Math.sqrt(norm) : 1;
    const out = new Float64Array(this.classCount);
    out.set(this.bias);
    for (let k = 0; k < known; k++) {
      // The same rounding as training's rows, so a text reads exactly as it trained (see read).
      const weight = Math.fround(rescale ? values[k] * scale : values[k]);
      const offset = columns[k] * this.classCount;
      for (let c = 0; c < this.classCount; c++) out[c] += this.weights[offset + c] * weight;
    }
    return { logits: out, known };
  }

  /**
   * `readKnown` of the same features given as columns (FeatureColumns.read): the same floating-point
   * operations in the same order, so the same logits to the bit, without a name per feature.
   */
  readVector(vector: FeatureVector): { logits: Float64Array; known: number } {
    const { columns, values, size } = vector;
    // As featuresOfAnalysis's normalise: every feature counts towards the length, known or not.
    let norm = 0;
    for (let i = 0; i < size; i++) norm += values[i] * values[i];
    const unit = norm !== 0;
    const first = unit ? 1 / Math.sqrt(norm) : 1;
    let known = 0;
    let knownNorm = 0;
    for (let i = 0; i < size; i++) {
      if (columns[i] < 0) continue;
      const value = unit ? values[i] * first : values[i];
      known++;
      knownNorm += value * value;
    }
    // As readKnown: back at unit length when some features were left out.
    const rescale = known !== size && knownNorm !== 0;
    const scale = rescale ? 1 / Math.sqrt(knownNorm) : 1;
    const out = new Float64Array(this.classCount);
    out.set(this.bias);
    for (let i = 0; i < size; i++) {
      const column = columns[i];
      if (column < 0) continue;
      const value = unit ? values[i] * first : values[i];
      const weight = Math.fround(rescale ? value * scale : value);
      const offset = column * this.classCount;
      for (let c = 0; c < this.classCount; c++) out[c] += this.weights[offset + c] * weight;
    }
    return { logits: out, known };
  }

  /** The feature names by column, or null when features are hashed into columns (see FeatureColumns). */
  columnNames(): string[] | null {
    return this.toStored().columns;
  }

  /** What each known feature adds to one class's log-odds (for explanations). */
  contributions(features: FeatureBag, classIndex: number): { feature: string; value: number }[] {
    const out: { feature: string; value: number }[] = [];
    for (const [name, value] of features) {
      const column = this.columnOf(name);
      if (column !== undefined) out.push({ feature: name, value: this.weights[column * this.classCount + classIndex] * value });
    }
    return out.sort((a, b) => b.value - a.value);
  }

  /** Log-odds of every class for a text's features. */
  logits(features: FeatureBag): Float64Array {
    return this.read(features).logits;
  }

  /** Log-odds of every class, and how many of the features the model knows (one pass over them). */
  read(features: FeatureBag): { logits: Float64Array; known: number } {
    const out = new Float64Array(this.classCount);
    out.set(this.bias);
    let known = 0;
    // Straight from the features (every message is read): no row is built.
    for (const [name, value] of features) {
      const column = this.columnOf(name);
      if (column === undefined) continue; // a word no training text had: it says nothing about any class
      known++;
      // The same rounding as training's rows, so a text reads exactly as it trained.
      const weight = Math.fround(value);
      const offset = column * this.classCount;
      for (let c = 0; c < this.classCount; c++) out[c] += this.weights[offset + c] * weight;
    }
    return { logits: out, known };
  }

  private columnOf(name: string): number | undefined {
    return this.columns ? this.columns.get(name) : hashOf(name) % this.hashedColumns;
  }

  /**
   * One gradient step of the cross-entropy loss. Full softmax walks each feature's row of
   * class weights in memory order; sampled softmax (large knowledge bases) visits the sample.
   */
  private step(rows: PackedRows, index: number, classes: number[] | null, rate: number, scores: Float64Array): void {
    const C = this.classCount;
    const { columns, values } = rows;
    const label = rows.labels[index];
    const from = rows.offsets[index];
    const to = rows.offsets[index + 1];
    const { weights, bias } = this;
    if (classes === null) {
      scores.set(bias);
      for (let k = from; k < to; k++) {
        const offset = columns[k] * C;
        const value = values[k];
        for (let c = 0; c < C; c++) scores[c] += weights[offset + c] * value;
      }
      toGradient(scores, C, (c) => c === label);
      // Once a class is ruled out its gradient is ~0: update only the classes still in play.
      const live = this.liveClasses;
      let liveCount = 0;
      for (let c = 0; c < C; c++) {
        if (Math.abs(scores[c]) < GRADIENT_FLOOR) continue;
        live[liveCount++] = c;
        bias[c] -= rate * 0.1 * scores[c];
      }
      for (let k = from; k < to; k++) {
        const offset = columns[k] * C;
        const step = rate * values[k];
        for (let i = 0; i < liveCount; i++) {
          const c = live[i];
          weights[offset + c] -= step * scores[c];
        }
      }
      return;
    }
    // Feature by feature, so each feature's row of weights is visited once per pass (a large
    // knowledge base's rows are kilobytes apart). Each class still sums its features, and each
    // weight takes its updates, in feature order: the same numbers as class by class.
    const n = classes.length;
    for (let i = 0; i < n; i++) scores[i] = bias[classes[i]];
    for (let k = from; k < to; k++) {
      const offset = columns[k] * C;
      const value = values[k];
      for (let i = 0; i < n; i++) scores[i] += weights[offset + classes[i]] * value;
    }
    toGradient(scores, n, (i) => classes[i] === label);
    for (let i = 0; i < n; i++) bias[classes[i]] -= rate * 0.1 * scores[i];
    for (let k = from; k < to; k++) {
      const offset = columns[k] * C;
      const step = rate * values[k];
      for (let i = 0; i < n; i++) weights[offset + classes[i]] -= step * scores[i];
    }
  }
}

/** Turns the first `count` scores into softmax probability minus the target (the loss gradient). */
function toGradient(scores: Float64Array, count: number, isTarget: (index: number) => boolean): void {
  let max = -Infinity;
  for (let i = 0; i < count; i++) if (scores[i] > max) max = scores[i];
  let total = 0;
  for (let i = 0; i < count; i++) total += scores[i] = Math.exp(scores[i] - max);
  for (let i = 0; i < count; i++) scores[i] = scores[i] / total - (isTarget(i) ? 1 : 0);
}

/** Softmax of log-odds, as probabilities. */
export function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const value of logits) if (value > max) max = value;
  const out = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += out[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < logits.length; i++) out[i] /= total;
  return out;
}

/** The true class, the "none" class (always last) and random others. */
function sampleClasses(random: Random, classCount: number, label: number, negatives: number): number[] {
  const chosen = new Set<number>([label, classCount - 1]);
  while (chosen.size < Math.min(classCount, negatives + 2)) chosen.add(Math.floor(random() * classCount));
  return [...chosen];
}

/** FNV-1a: a stable column for a feature name when columns are hashed. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
