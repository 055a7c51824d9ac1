/**
 * A message's features read straight into the model's columns, without naming them.
 *
 * featuresOfAnalysis names every feature ("w:hoc", "p:hocbong", "c:<hoc") in a map, and the
 * model looked each name up in a map of its whole vocabulary: building, storing and hashing
 * those strings was the largest cost of reading a message. Here the vocabulary is split by
 * kind once, when the model opens: words and pairs are found by their own text (the
 * analysis's strings, no new one), letter groups by a number made of their letters. A
 * message's features become columns and values in a few typed arrays reused by every read.
 *
 * The same features as featuresOfAnalysis, in the same order, with the same values, so the
 * model reads them to the bit as it read the named bag (SoftmaxModel.readVector; a test
 * compares both readings of every development message and of random text).
 */
import type { TextAnalysis } from '../../language/analyze';
import { fold } from '../../language/fold';
import { CHAR_GRAM_WEIGHT, GRAM_LENGTHS, GRAM_PREFIX, MIN_GRAM_WORD, PAIR_PREFIX, PAIR_WEIGHT, termWeight, WORD_PREFIX } from './features';

/**
 * A message's distinct features in the order featuresOfAnalysis adds them, with their values
 * before normalisation: `columns[i]` is the model's column, or -1 for a feature it has never
 * seen (it still counts towards the message's length). Valid until the next read.
 */
export interface FeatureVector {
  readonly columns: Int32Array;
  readonly values: Float64Array;
  readonly size: number;
}

/** Bits per letter of a letter group's number: 4 letters fit a small integer (31 bits) when the alphabet is below 128. */
const MAX_LETTER_BITS = 7;

const OPEN = '<'.charCodeAt(0);
const CLOSE = '>'.charCodeAt(0);

export class FeatureColumns {
  private readonly words = new Map<string, number>();
  private readonly pairs = new Map<string, number>();
  /** Letter groups by their number (see gramKey), when the alphabet is small enough; else by text. */
  private readonly gramsByKey = new Map<number, number>();
  private readonly gramsByText = new Map<string, number>();
  /** 1 + the index of each code unit in the letter groups' alphabet, 0 for a code unit none has. */
  private readonly letterIds: Uint8Array | null;
  private readonly letterBits: number;

  /** Reused by every read. Where each column sits in the current vector (-1: not yet). */
  private readonly slotOfColumn: Int32Array;
  private columns = new Int32Array(256);
  private values = new Float64Array(256);
  private size = 0;
  /** Features the model has no column for, by kind and text (or number): where they sit in the vector. */
  private readonly unknownWords = new Map<string, number>();
  private readonly unknownPairs = new Map<string, number>();
  private readonly unknownGramKeys = new Map<number, number>();
  private readonly unknownGramTexts = new Map<string, number>();
  private letters = new Uint8Array(64);

  /** `names[column]`: the model's feature names (its exact vocabulary, not hashed columns). */
  constructor(names: readonly string[]) {
    this.slotOfColumn = new Int32Array(names.length).fill(-1);
    const alphabet = new Map<number, number>();
    const grams: [string, number][] = [];
    names.forEach((name, column) => {
      const text = name.slice(2);
      if (name.startsWith(WORD_PREFIX)) this.words.set(text, column);
      else if (name.startsWith(PAIR_PREFIX)) this.pairs.set(text, column);
      else if (name.startsWith(GRAM_PREFIX)) {
        grams.push([text, column]);
        for (let i = 0; i < text.length; i++) if (!alphabet.has(text.charCodeAt(i))) alphabet.set(text.charCodeAt(i), alphabet.size + 1);
      } else throw new Error(`the model has a feature of no known kind: ${name}`);
    });
    this.letterBits = Math.max(1, Math.ceil(Math.log2(alphabet.size + 1)));
    if (this.letterBits <= MAX_LETTER_BITS) {
      this.letterIds = new Uint8Array(0x10000);
      for (const [code, id] of alphabet) this.letterIds[code] = id;
      for (const [text, column] of grams) {
        for (let i = 0; i < text.length; i++) this.letters[i] = this.letterIds[text.charCodeAt(i)];
        this.gramsByKey.set(this.gramKey(0, text.length), column);
      }
    } else {
      this.letterIds = null;
      for (const [text, column] of grams) this.gramsByText.set(text, column);
    }
  }

  /** The features featuresOfAnalysis(analysis) names, as columns and values (see FeatureVector). */
  read(analysis: TextAnalysis): FeatureVector {
    this.clear();
    for (const unit of analysis.units) {
      const weight = termWeight(unit);
      for (const term of unit.terms) this.addNamed(this.words.get(term), this.unknownWords, term, weight);
    }
    for (const pair of analysis.bigrams) this.addNamed(this.pairs.get(pair), this.unknownPairs, pair, PAIR_WEIGHT);
    for (const token of analysis.tokens) {
      const folded = fold(token);
      const length = folded.length + 2; // between `<` and `>`
      if (length < MIN_GRAM_WORD) continue;
      if (this.letterIds) this.addGramsByKey(folded, length, this.letterIds);
      else this.addGramsByText(`<${folded}>`);
    }
    return { columns: this.columns, values: this.values, size: this.size };
  }

  /** Letter groups found by their number; one with a letter no group has is new to the model (found by its text). */
  private addGramsByKey(folded: string, length: number, letterIds: Uint8Array): void {
    if (this.letters.length < length) this.letters = new Uint8Array(2 * length);
    const letters = this.letters;
    letters[0] = letterIds[OPEN];
    for (let i = 0; i < folded.length; i++) letters[i + 1] = letterIds[folded.charCodeAt(i)];
    letters[length - 1] = letterIds[CLOSE];
    for (const n of GRAM_LENGTHS) {
      for (let i = 0; i + n <= length; i++) {
        let known = true;
        for (let k = i; k < i + n; k++) if (letters[k] === 0) known = false;
        if (known) {
          const key = this.gramKey(i, n);
          this.addNumbered(this.gramsByKey.get(key), key, CHAR_GRAM_WEIGHT);
        } else {
          const text = `<${folded}>`.slice(i, i + n);
          this.addNamed(undefined, this.unknownGramTexts, text, CHAR_GRAM_WEIGHT);
        }
      }
    }
  }

  private addGramsByText(word: string): void {
    for (const n of GRAM_LENGTHS) {
      for (let i = 0; i + n <= word.length; i++) {
        const text = word.slice(i, i + n);
        this.addNamed(this.gramsByText.get(text), this.unknownGramTexts, text, CHAR_GRAM_WEIGHT);
      }
    }
  }

  /**
   * The number of the letters [from, from + n) of `letters`: their ids side by side. No two
   * groups share one: ids start at 1, so a 4-letter group's number is above every 3-letter one's.
   */
  private gramKey(from: number, n: number): number {
    let key = 0;
    for (let k = from; k < from + n; k++) key = (key << this.letterBits) | this.letters[k];
    return key;
  }

  private addNamed(column: number | undefined, unknown: Map<string, number>, text: string, value: number): void {
    if (column !== undefined) return this.addColumn(column, value);
    const slot = unknown.get(text);
    if (slot === undefined) unknown.set(text, this.push(-1, value));
    else this.raise(slot, value);
  }

  private addNumbered(column: number | undefined, key: number, value: number): void {
    if (column !== undefined) return this.addColumn(column, value);
    const slot = this.unknownGramKeys.get(key);
    if (slot === undefined) this.unknownGramKeys.set(key, this.push(-1, value));
    else this.raise(slot, value);
  }

  private addColumn(column: number, value: number): void {
    const slot = this.slotOfColumn[column];
    if (slot < 0) this.slotOfColumn[column] = this.push(column, value);
    else this.raise(slot, value);
  }

  /** A feature met again keeps its highest value (as the named bag's `add`). */
  private raise(slot: number, value: number): void {
    this.values[slot] = Math.max(this.values[slot], value);
  }

  /** A feature met for the first time: at the end of the vector (as a map keeps insertion order). */
  private push(column: number, value: number): number {
    if (this.size === this.columns.length) {
      const columns = new Int32Array(2 * this.size);
      const values = new Float64Array(2 * this.size);
      columns.set(this.columns);
      values.set(this.values);
      this.columns = columns;
      this.values = values;
    }
    this.columns[this.size] = column;
    // As the bag's first `add`: the highest of nothing (0) and the value.
    this.values[this.size] = Math.max(0, value);
    return this.size++;
  }

  private clear(): void {
    for (let i = 0; i < this.size; i++) if (this.columns[i] >= 0) this.slotOfColumn[this.columns[i]] = -1;
    this.size = 0;
    // Only those in use: clearing a map gives it a new table.
    for (const unknown of [this.unknownWords, this.unknownPairs, this.unknownGramKeys, this.unknownGramTexts]) if (unknown.size > 0) unknown.clear();
  }
}
