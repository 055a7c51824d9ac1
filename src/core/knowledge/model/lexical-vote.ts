/**
 * A second, independent opinion: BM25 over one document per entry made of all its
 * analysed phrasings. It ranks differently from the learned model (word counts, not
 * learned weights), so when both name the same entry the answer is surer, and when they
 * disagree it is less sure. Plain BM25 like this ranks well; it only cannot say "none of
 * these", which is the learned model's part.
 *
 * The ranking is MiniSearch's (7.x, BM25+ with its default k = 1.2, b = 0.7, d = 0.5, OR
 * of the terms, a document's score times the number of query terms it matched, ties in
 * order of first match), as this vote used to ask MiniSearch itself. The index is built
 * here instead because only the top entry is needed, every message: each term's
 * per-entry score is fixed once the content loads, so a question adds up precomputed
 * numbers instead of MiniSearch's per-term options, objects and match lists.
 * tests/unit/matcher/lexical-vote.test.ts holds it to MiniSearch's own top hit.
 */
import { analyzeText, type TextAnalysis } from '../../language/analyze';
import type { Lexicon } from '../../language/lexicon';
import { nextTurn, runInSlices, runToEnd } from './slices';
import type { KnowledgeBase, KnowledgeEntry } from '../types';

/** Documents counted, then terms scored, between two turns of the event loop while the vote is built. */
const DOCUMENTS_PER_SLICE = 50;
const TERMS_PER_SLICE = 5_000;

/** MiniSearch's default BM25+ parameters. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** One document per entry: every phrasing, analysed, as space-separated terms (`termCache`: shared by the entries, see analyzeText). */
export function documentTerms(entry: KnowledgeEntry, lexicon: Lexicon, termCache?: Map<string, string>): string {
  return [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en].map((text) => analyzeText(text, lexicon, termCache).allTerms.join(' ')).join(' ');
}

/**
 * Every term's postings, packed: term -> its number, and for term number t the entries it
 * occurs in (in entry order) with its BM25+ score in each at [starts[t], starts[t + 1]).
 * A Map of tens of thousands of small { entries, scores } arrays cost about 3 MB of heap;
 * typed arrays hold the same numbers (the scores as float64, unchanged) in a third of that.
 */
interface Postings {
  termNumbers: Map<string, number>;
  starts: Int32Array;
  entries: Int32Array;
  scores: Float64Array;
}

/** The vote as plain data: its postings with the terms in number order. */
export interface StoredLexicalVote {
  entryIds: string[];
  terms: string[];
  starts: Int32Array;
  entries: Int32Array;
  scores: Float64Array;
}

export class LexicalVote {
  private scratchArrays: { scores: Float64Array; matched: Int32Array; touched: number[] } | undefined;

  private constructor(
    private readonly entryIds: string[],
    private readonly postings: Postings,
    private readonly lexicon: Lexicon,
  ) {}

  static create(kb: KnowledgeBase, lexicon: Lexicon): LexicalVote {
    const termCache = new Map<string, string>();
    return runToEnd(LexicalVote.fromDocuments(kb.entries.map((entry) => ({ id: entry.id, terms: documentTerms(entry, lexicon, termCache) })), lexicon));
  }

  /** The same, an entry's phrasings at a time between turns of the event loop (content reloads). */
  static async build(kb: KnowledgeBase, lexicon: Lexicon): Promise<LexicalVote> {
    const documents: { id: string; terms: string }[] = [];
    const termCache = new Map<string, string>();
    for (const entry of kb.entries) {
      documents.push({ id: entry.id, terms: documentTerms(entry, lexicon, termCache) });
      await nextTurn();
    }
    return runInSlices(LexicalVote.fromDocuments(documents, lexicon));
  }

  /** Yields between slices of documents counted and of terms scored (a thousand entries hold tens of thousands of terms). */
  private static *fromDocuments(documents: { id: string; terms: string }[], lexicon: Lexicon): Generator<void, LexicalVote, void> {
    const frequencies = new Map<string, Map<number, number>>();
    const lengths: number[] = [];
    let averageLength = 0;
    for (const [index, document] of documents.entries()) {
      const tokens = document.terms.split(' ');
      // As MiniSearch counts them: distinct tokens, the empty one included; the running average in its order of operations.
      const length = new Set(tokens).size;
      lengths.push(length);
      averageLength = (averageLength * index + length) / (index + 1);
      for (const term of tokens) {
        if (!term) continue;
        const inTerm = frequencies.get(term) ?? new Map<number, number>();
        inTerm.set(index, (inTerm.get(index) ?? 0) + 1);
        frequencies.set(term, inTerm);
      }
      if (index % DOCUMENTS_PER_SLICE === DOCUMENTS_PER_SLICE - 1) yield;
    }
    const termNumbers = new Map<string, number>();
    const starts = new Int32Array(frequencies.size + 1);
    let size = 0;
    for (const inTerm of frequencies.values()) size += inTerm.size;
    const entries = new Int32Array(size);
    const scores = new Float64Array(size);
    let at = 0;
    for (const [term, inTerm] of frequencies) {
      starts[termNumbers.size] = at;
      termNumbers.set(term, termNumbers.size);
      for (const [index, frequency] of inTerm) {
        entries[at] = index;
        scores[at] = bm25Score(frequency, inTerm.size, documents.length, lengths[index], averageLength);
        at++;
      }
      if (termNumbers.size % TERMS_PER_SLICE === 0) yield;
    }
    starts[termNumbers.size] = at;
    return new LexicalVote(
      documents.map((document) => document.id),
      { termNumbers, starts, entries, scores },
      lexicon,
    );
  }

  toStored(): StoredLexicalVote {
    const { termNumbers, starts, entries, scores } = this.postings;
    const terms = new Array<string>(termNumbers.size);
    for (const [term, number] of termNumbers) terms[number] = term;
    return { entryIds: this.entryIds, terms, starts, entries, scores };
  }

  static fromStored(stored: StoredLexicalVote, lexicon: Lexicon): LexicalVote {
    const termNumbers = new Map(stored.terms.map((term, number) => [term, number]));
    return new LexicalVote(stored.entryIds, { termNumbers, starts: stored.starts, entries: stored.entries, scores: stored.scores }, lexicon);
  }

  /** The entry BM25 ranks first for the text, if any word matched. */
  topEntry(text: string): string | undefined {
    return this.topEntryOf(analyzeText(text, this.lexicon));
  }

  /** The same, from a text analysed already (one analysis per message, shared by the scorers). */
  topEntryOf(analysis: TextAnalysis): string | undefined {
    // Scratch arrays reused by every call (the vote is synchronous): every message is voted on.
    const { scores, matched, touched } = this.scratch();
    const seen = new Set<string>();
    const { termNumbers, starts, entries, scores: termScores } = this.postings;
    const addTerm = (term: string) => {
      const number = term ? termNumbers.get(term) : undefined;
      if (number === undefined) return;
      // A term repeated in the query adds its score again but is one matched term.
      const repeated = seen.has(term);
      seen.add(term);
      for (let i = starts[number]; i < starts[number + 1]; i++) {
        const entry = entries[i];
        if (matched[entry] === 0) touched.push(entry);
        scores[entry] += termScores[i];
        if (!repeated) matched[entry]++;
      }
    };
    // The terms as MiniSearch read its query: joined, split on spaces, empty ones dropped
    // (analysed terms have no spaces; a term with one is split as MiniSearch would).
    for (const term of analysis.allTerms) {
      if (term.includes(' ')) term.split(' ').forEach(addTerm);
      else addTerm(term);
    }
    // Highest score times matched terms; the first matched wins a tie (a stable sort's first).
    let best: number | undefined;
    let bestScore = -Infinity;
    for (const entry of touched) {
      const final = scores[entry] * matched[entry];
      if (final > bestScore) {
        best = entry;
        bestScore = final;
      }
      scores[entry] = 0;
      matched[entry] = 0;
    }
    touched.length = 0;
    return best === undefined ? undefined : this.entryIds[best];
  }

  private scratch(): { scores: Float64Array; matched: Int32Array; touched: number[] } {
    this.scratchArrays ??= { scores: new Float64Array(this.entryIds.length), matched: new Int32Array(this.entryIds.length), touched: [] };
    return this.scratchArrays;
  }
}

/** MiniSearch's calcBM25Score, operation for operation (the same floating-point result). */
function bm25Score(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number): number {
  const { k, b, d } = BM25;
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}
