/**
 * A second, independent opinion: BM25 (MiniSearch) over one document per entry made of all
 * its analysed phrasings. It ranks differently from the learned model (word counts, not
 * learned weights), so when both name the same entry the answer is surer, and when they
 * disagree it is less sure. Plain MiniSearch like this ranks well; it only cannot say
 * "none of these", which is the learned model's part.
 */
import MiniSearch from 'minisearch';
import { analyzeText, type TextAnalysis } from '../../language/analyze';
import type { Lexicon } from '../../language/lexicon';
import { nextTurn } from './slices';
import type { KnowledgeBase, KnowledgeEntry } from '../types';

interface EntryDocument {
  id: string;
  terms: string;
}

function emptyIndex(): MiniSearch<EntryDocument> {
  return new MiniSearch<EntryDocument>({
    fields: ['terms'],
    // Texts are analysed already (the one normaliser): MiniSearch only splits them.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
    // No fuzzy matching: it is most of MiniSearch's cost, and the learned model's letter groups already carry typos.
  });
}

/** One document per entry: every phrasing, analysed. */
function documentOf(entry: KnowledgeEntry, lexicon: Lexicon): EntryDocument {
  return {
    id: entry.id,
    terms: [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en].map((text) => analyzeText(text, lexicon).allTerms.join(' ')).join(' '),
  };
}

export class LexicalVote {
  private constructor(
    private readonly search: MiniSearch<EntryDocument>,
    private readonly lexicon: Lexicon,
  ) {}

  static create(kb: KnowledgeBase, lexicon: Lexicon): LexicalVote {
    const search = emptyIndex();
    search.addAll(kb.entries.map((entry) => documentOf(entry, lexicon)));
    return new LexicalVote(search, lexicon);
  }

  /** The same, an entry at a time between turns of the event loop (content reloads). */
  static async build(kb: KnowledgeBase, lexicon: Lexicon): Promise<LexicalVote> {
    const search = emptyIndex();
    for (const entry of kb.entries) {
      search.add(documentOf(entry, lexicon));
      await nextTurn();
    }
    return new LexicalVote(search, lexicon);
  }

  /** The entry BM25 ranks first for the text, if any word matched. */
  topEntry(text: string): string | undefined {
    return this.topEntryOf(analyzeText(text, this.lexicon));
  }

  /** The same, from a text analysed already (one analysis per message, shared by the scorers). */
  topEntryOf(analysis: TextAnalysis): string | undefined {
    const terms = analysis.allTerms;
    if (terms.length === 0) return undefined;
    const [top] = this.search.search(terms.join(' '));
    return top === undefined ? undefined : String(top.id);
  }
}
