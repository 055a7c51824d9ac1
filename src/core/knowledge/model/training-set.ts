/**
 * The training examples of the softmax model, kept as sparse rows in a few flat arrays
 * (compressed sparse rows) with one vocabulary, filled one example at a time.
 *
 * Why not a list of feature maps: the knowledge base trains on about 8,000 examples of
 * about 55 features each. A Map per example, with a freshly built name string per
 * feature, took some 100 MB of heap at start-up and at every reload; the heap grew to
 * hold them and the process kept most of that memory afterwards. Here each example
 * becomes a few numbers the moment it is made, and only the vocabulary keeps names.
 */
import type { FeatureBag } from './features';

/** Every example's columns and values end to end: example i is [offsets[i], offsets[i + 1]). */
export interface PackedRows {
  columns: Int32Array;
  values: Float32Array;
  offsets: Int32Array;
  labels: Int32Array;
}

const INITIAL_CAPACITY = 1 << 16;

export class TrainingSet {
  /** Feature name to its index, in the order features were first seen. */
  readonly vocabulary = new Map<string, number>();
  /** Typed from the start (grown by doubling), so packing copies nothing element by element. */
  private columns = new Int32Array(INITIAL_CAPACITY);
  private values = new Float32Array(INITIAL_CAPACITY);
  private length = 0;
  private readonly offsetList: number[] = [0];
  private readonly labelList: number[] = [];

  add(features: FeatureBag, label: number): void {
    for (const [name, value] of features) {
      let column = this.vocabulary.get(name);
      if (column === undefined) {
        column = this.vocabulary.size;
        this.vocabulary.set(name, column);
      }
      if (this.length === this.columns.length) this.grow();
      this.columns[this.length] = column;
      this.values[this.length] = value;
      this.length++;
    }
    this.offsetList.push(this.length);
    this.labelList.push(label);
  }

  get size(): number {
    return this.labelList.length;
  }

  /**
   * The examples packed in typed arrays. Called once, when training starts: the arrays are
   * the set's own, not copies (training rewrites the columns in place when it hashes them).
   */
  packed(): PackedRows {
    return {
      columns: this.columns.subarray(0, this.length),
      values: this.values.subarray(0, this.length),
      offsets: Int32Array.from(this.offsetList),
      labels: Int32Array.from(this.labelList),
    };
  }

  private grow(): void {
    const columns = new Int32Array(this.columns.length * 2);
    columns.set(this.columns);
    this.columns = columns;
    const values = new Float32Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }

  /** Feature names by column. */
  names(): string[] {
    const names = new Array<string>(this.vocabulary.size);
    for (const [name, column] of this.vocabulary) names[column] = name;
    return names;
  }
}
