/**
 * A second, independent opinion: BM25 (MiniSearch) over one document per entry made of all
 * its analysed phrasings. It ranks differently from the learned model (word counts, not
 * learned weights), so when both name the same entry the answer is surer, and when they
 * disagree it is less sure. Plain MiniSearch like this ranks well; it only cannot say
 * "none of these", which is the learned model's part.
 */
import MiniSearch from 'minisearch';
import { analyzeText } from '../../language/analyze';
import type { Lexicon } from '../../language/lexicon';
import type { KnowledgeBase } from '../types';

export class LexicalVote {
  private readonly search: MiniSearch<{ id: string; terms: string }>;

  constructor(
    kb: KnowledgeBase,
    private readonly lexicon: Lexicon,
  ) {
    this.search = new MiniSearch({
      fields: ['terms'],
      // Texts are analysed already (the one normaliser): MiniSearch only splits them.
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      // No fuzzy matching: it is most of MiniSearch's cost, and the learned model's letter groups already carry typos.
    });
    this.search.addAll(
      kb.entries.map((entry) => ({
        id: entry.id,
        terms: [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en].map((text) => analyzeText(text, lexicon).allTerms.join(' ')).join(' '),
      })),
    );
  }

  /** The entry BM25 ranks first for the text, if any word matched. */
  topEntry(text: string): string | undefined {
    const terms = analyzeText(text, this.lexicon).allTerms;
    if (terms.length === 0) return undefined;
    const [top] = this.search.search(terms.join(' '));
    return top === undefined ? undefined : String(top.id);
  }
}
