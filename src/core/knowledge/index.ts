/**
 * The search index over every phrasing (question and alternates, both languages) of
 * every entry. MiniSearch finds the candidate phrasings (BM25+, fuzzy on long terms);
 * our own scoring then asks how much of the question a phrasing explains and how much
 * of the phrasing the question covers, weighted by how rare each term is across
 * entries, because raw BM25 scores do not compare from one question to the next.
 */
import MiniSearch from 'minisearch';
import { analyzeText, type TermUnit, type TextAnalysis } from '../language/analyze';
import { AUDIENCE_WORDS, ENGLISH_STOPWORDS, VIETNAMESE_FUNCTION_WORDS } from '../language/stopwords';
import { hasVietnameseLetters } from '../language/normalize';
import type { Lexicon } from '../language/lexicon';
import { runInSlices, runToEnd } from './model/slices';
import type { KnowledgeBase, Lang } from './types';

interface Phrasing {
  id: number;
  entryId: string;
  lang: Lang;
  analysis: TextAnalysis;
  terms: Set<string>;
  /** Accented spellings of each term, when the phrasing was written with accents. */
  spellings: Map<string, Set<string>> | null;
  /** Weight of each unit of the phrasing, and their sum (filled once the vocabulary is known). */
  unitWeights: number[];
  totalWeight: number;
}

/** What the scorer knows about one entry's best phrasing for a question. */
export interface ScoredEntry {
  entryId: string;
  /** Combined match score in [0, 1]. */
  score: number;
  /** Share of the question's weight the phrasing matches. */
  queryCoverage: number;
  /** Share of the phrasing's weight the question matches. */
  phrasingCoverage: number;
  /** Share of the question's adjacent pairs found in the phrasing. */
  bigramCoverage: number;
  /** Raw MiniSearch score of the phrasing. */
  rawScore: number;
  /** The phrasing that matched best (for the ask CLI). */
  phrasingId: number;
}

export interface SearchResult {
  analysis: TextAnalysis;
  ranked: ScoredEntry[];
}

/** Terms at or below this rarity (in over half the entries) are not used to find candidates. */
const COMMON_TERM_IDF = 0.6;
/** How many phrasings, best BM25 first, the scorer looks at. */
const CANDIDATE_PHRASINGS = 60;
/** Credit for a term the knowledge base does not know, matched by a typo-tolerant (fuzzy) match. */
const FUZZY_CREDIT = 0.75;
/** Credit for the same letters with other accents (hàn / hạn), when both sides were typed with accents. */
const OTHER_ACCENT_CREDIT = 0.4;
/** Weight of an English function word, known or not. */
const STOPWORD_WEIGHT = 0.3;
/** Extra weight of an unknown word written with a capital letter mid-sentence. */
const UNKNOWN_NAME_FACTOR = 2;
/** Credit for letters matched when the accented spelling typed is one the knowledge base never uses: most likely another word. */
const UNKNOWN_SPELLING_CREDIT = 0.15;
/** Credit for a term found in another phrasing of the same entry, not in the best one. */
const SAME_ENTRY_CREDIT = 0.5;

/**
 * What searching needs per phrasing: built on the first search only. The bot decides with
 * the learned model and asks this index only for the novelty of a message, which needs the
 * vocabulary alone; keeping 1,800 analysed phrasings for it cost about 5 MB of heap in
 * every bot process. kb:check, the report and `npm run ask` search, and build this once.
 */
interface SearchParts {
  phrasings: Phrasing[];
  /** Every term of each entry's phrasings. */
  entryTerms: Map<string, Set<string>>;
  /** Terms of each entry's phrasings written without accents (they match any accented typing). */
  plainEntryTerms: Map<string, Set<string>>;
  /** Accented spellings with the entries using each (hàn typed with accents is not hạn). */
  spellingEntries: Map<string, Set<string>>;
  miniSearch: MiniSearch<{ id: number; terms: string }>;
}

/** The vocabulary the bot keeps, as plain data (a compiled bundle): each term's weight and each accented spelling's entry count. */
export interface StoredIndex {
  idf: [string, number][];
  accented: [string, number][];
}

export class KnowledgeIndex {
  private parts: SearchParts | undefined;
  private readonly idf: Map<string, number>;
  /** How many entries use each accented spelling in the knowledge base. */
  private readonly accentedVocabulary: Map<string, number>;
  private readonly unknownIdf: number;
  private readonly entryCount: number;

  /** `vocabulary`: from phrasings analysed already (see build) or a compiled bundle; analysed here when absent. */
  constructor(
    readonly kb: KnowledgeBase,
    readonly lexicon: Lexicon,
    vocabulary: StoredIndex = vocabularyOf(kb, runToEnd(analysingPhrasings(kb, lexicon))),
  ) {
    const entryCount = Math.max(1, kb.entries.length);
    this.entryCount = entryCount;
    this.unknownIdf = bm25Idf(entryCount, 0);
    this.idf = new Map(vocabulary.idf);
    this.accentedVocabulary = new Map(vocabulary.accented);
  }

  /** The same, analysing the phrasings an entry at a time between turns of the event loop (content reloads). */
  static async build(kb: KnowledgeBase, lexicon: Lexicon): Promise<KnowledgeIndex> {
    return new KnowledgeIndex(kb, lexicon, vocabularyOf(kb, await runInSlices(analysingPhrasings(kb, lexicon))));
  }

  toStored(): StoredIndex {
    return { idf: [...this.idf], accented: [...this.accentedVocabulary] };
  }

  private get search_(): SearchParts {
    if (this.parts) return this.parts;
    const phrasings = runToEnd(analysingPhrasings(this.kb, this.lexicon));
    const entryTerms = new Map<string, Set<string>>();
    const plainEntryTerms = new Map<string, Set<string>>();
    for (const phrasing of phrasings) {
      addTo(entryTerms, phrasing.entryId, phrasing.terms);
      if (!phrasing.spellings) addTo(plainEntryTerms, phrasing.entryId, phrasing.terms);
    }
    for (const phrasing of phrasings) {
      phrasing.unitWeights = phrasing.analysis.units.map((unit) => Math.max(...unit.terms.map((term) => this.weightOf(term))));
      phrasing.totalWeight = phrasing.unitWeights.reduce((sum, weight) => sum + weight, 0);
    }
    const miniSearch = new MiniSearch<{ id: number; terms: string }>({
      fields: ['terms'],
      idField: 'id',
      // Terms are already analysed: MiniSearch only splits the joined list back apart.
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      // Fuzzy only for terms the knowledge base does not know: "bong" must not find "bang".
      searchOptions: { combineWith: 'OR', fuzzy: (term) => (this.idf.has(term) ? false : term.length >= 8 ? 2 : term.length >= 5 ? 1 : false), prefix: false },
    });
    miniSearch.addAll(phrasings.map((phrasing) => ({ id: phrasing.id, terms: [...phrasing.terms].join(' ') })));
    this.parts = { phrasings, entryTerms, plainEntryTerms, spellingEntries: spellingEntriesOf(phrasings), miniSearch };
    return this.parts;
  }

  get phrasingCount(): number {
    return this.search_.phrasings.length;
  }

  phrasing(id: number): { entryId: string; lang: Lang; tokens: string[] } | undefined {
    const phrasing = this.search_.phrasings[id];
    return phrasing && { entryId: phrasing.entryId, lang: phrasing.lang, tokens: phrasing.analysis.tokens };
  }

  /** Is this analysed term anywhere in the knowledge base? (language detection uses it) */
  knowsTerm(term: string): boolean {
    return this.idf.has(term);
  }

  /**
   * The specific terms of an analysed message that `entryId`'s phrasings use, at most
   * `maxEntries` entries use and no entry `excluded` holds does: words that name that entry's
   * subject rather than the thread's
   * (knowledge/load-answerer.ts, a follow-up answered outside its thread).
   */
  termsOnlyIn(analysis: TextAnalysis, entryId: string, excluded: (entryId: string) => boolean, maxEntries = Infinity): string[] {
    const { entryTerms } = this.search_;
    const own = entryTerms.get(entryId);
    if (!own) return [];
    const terms = new Set(analysis.units.flatMap((unit) => unit.terms).filter((term) => own.has(term) && this.weightOf(term) >= COMMON_TERM_IDF));
    return [...terms].filter((term) => {
      // The entries that use the term, counted in place (no list of them per term of every follow-up).
      let users = 0;
      for (const [id, used] of entryTerms) {
        if (!used.has(term)) continue;
        if (excluded(id)) return false;
        users++;
      }
      return users <= maxEntries;
    });
  }

  weightOf(term: string): number {
    return this.idf.get(term) ?? this.unknownIdf;
  }

  search(text: string, limit = 5): SearchResult {
    const analysis = analyzeText(text, this.lexicon);
    if (analysis.allTerms.length === 0) return { analysis, ranked: [] };
    const units = this.weighUnits(analysis);
    // Words in most entries ("có", "không") find nothing specific but cost a pass over most
    // phrasings; the scorer still counts them, so leave them out of the candidate search.
    const unigrams = [...new Set(analysis.units.flatMap((unit) => unit.terms))];
    const specific = unigrams.filter((term) => this.weightOf(term) >= COMMON_TERM_IDF);
    const { miniSearch, phrasings } = this.search_;
    const hits = miniSearch.search((specific.length > 0 ? specific : unigrams).join(' ')).slice(0, CANDIDATE_PHRASINGS);
    const best = new Map<string, ScoredEntry>();
    for (const hit of hits) {
      const phrasing = phrasings[hit.id as number];
      const scored = this.score(analysis, units, phrasing, new Set(hit.queryTerms), new Set(hit.terms), hit.score);
      const previous = best.get(phrasing.entryId);
      if (!previous || scored.score > previous.score) best.set(phrasing.entryId, scored);
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score || b.rawScore - a.rawScore).slice(0, limit);
    return { analysis, ranked };
  }

  /**
   * How much of a question is about things the knowledge base never mentions: the share of
   * its weight carried by unknown words (names such as "Cisco" or "TOPIK" count double).
   * The learned model sees such words only by their letter groups, so this is what tells
   * "Cisco CCNA expiry" from "Microsoft certificate expiry".
   */
  novelty(text: string): number {
    return this.unknownWordsOf(analyzeText(text, this.lexicon)).share;
  }

  /** The same, from a text analysed already (one analysis per message, shared by the scorers). */
  noveltyOf(analysis: TextAnalysis): number {
    return this.unknownWordsOf(analysis).share;
  }

  /** The words of a text the knowledge base never uses, and the share of its weight they carry. */
  unknownWords(text: string): { words: string[]; share: number } {
    return this.unknownWordsOf(analyzeText(text, this.lexicon));
  }

  /** The same, from a text analysed already (one analysis per text of a message, see analysisOnce). */
  unknownWordsOf(analysis: TextAnalysis): { words: string[]; share: number } {
    let total = 0;
    let unknown = 0;
    const words: string[] = [];
    // Every message is measured: no per-unit objects here (weighUnits builds them for searches).
    for (const unit of analysis.units) {
      const judged = this.judge(unit, analysis.names);
      const weight = judged.fixed ?? this.leastRarity(unit, judged.accentedRarity);
      total += weight;
      if (!judged.known && weight > STOPWORD_WEIGHT) {
        unknown += weight;
        words.push(unit.surface ?? unit.terms.join('|'));
      }
    }
    return { words, share: total > 0 ? unknown / total : 0 };
  }

  /** Per-word detail of how a phrasing scored, for `npm run ask -- --explain`. */
  explain(text: string, phrasingId: number): { term: string; weight: number; credit: number }[] {
    const query = analyzeText(text, this.lexicon);
    const phrasing = this.search_.phrasings[phrasingId];
    const sameEntry = this.search_.entryTerms.get(phrasing.entryId) ?? new Set<string>();
    return this.weighUnits(query).map((unit) => {
      const exact = unit.terms.find((term) => phrasing.terms.has(term));
      return { term: unit.terms.join('|'), weight: round2(unit.weight(exact)), credit: this.creditFor(unit, exact, phrasing, new Set(), sameEntry) };
    });
  }

  /**
   * How much each word of the question matters: its rarity across entries. A word the
   * knowledge base has never seen weighs most, and more again when it looks like a name
   * (AWS, Singapore): it is what the question is about, and we know nothing of it.
   * Computed once per question, not once per phrasing.
   */
  private weighUnits(query: TextAnalysis): WeighedUnit[] {
    return query.units.map((unit) => {
      const { accented, unknownSpelling, fixed, accentedRarity } = this.judge(unit, query.names);
      const fallback = fixed ?? this.leastRarity(unit, accentedRarity);
      return { ...unit, accented, unknownSpelling, weight: (exact) => fixed ?? (exact ? Math.max(this.weightOf(exact), accentedRarity) : fallback) };
    });
  }

  /** What a word of a question is to the knowledge base: known or not, and its fixed weight if it has one. */
  private judge(unit: TermUnit, names: ReadonlySet<string>): { accented: boolean; unknownSpelling: boolean; known: boolean; fixed: number | undefined; accentedRarity: number } {
    const surface = unit.surface;
    const accented = surface !== undefined && hasVietnameseLetters(surface);
    const unknownSpelling = accented && !this.accentedVocabulary.has(surface);
    const known = !unknownSpelling && unit.terms.some((term) => this.idf.has(term));
    let fixed: number | undefined;
    if (surface !== undefined && ENGLISH_STOPWORDS.has(surface)) fixed = STOPWORD_WEIGHT;
    else if (!known && surface !== undefined && (VIETNAMESE_FUNCTION_WORDS.has(surface) || AUDIENCE_WORDS.has(surface))) fixed = STOPWORD_WEIGHT;
    else if (!known) fixed = this.unknownIdf * (surface !== undefined && names.has(surface) ? UNKNOWN_NAME_FACTOR : 1);
    // Typed with accents, a word is as rare as its accented spelling: "đậu" (pass) is rarer than "dau".
    const accentedRarity = accented && !unknownSpelling ? bm25Idf(this.entryCount, this.accentedVocabulary.get(surface) ?? 0) : 0;
    return { accented, unknownSpelling, known, fixed, accentedRarity };
  }

  /** The weight of a word none of whose readings is matched: its most common reading's. */
  private leastRarity(unit: TermUnit, accentedRarity: number): number {
    let least = Infinity;
    for (const term of unit.terms) least = Math.min(least, Math.max(this.weightOf(term), accentedRarity));
    return least;
  }

  private score(query: TextAnalysis, units: WeighedUnit[], phrasing: Phrasing, queryTermsHit: Set<string>, docTermsHit: Set<string>, rawScore: number): ScoredEntry {
    const sameEntry = this.search_.entryTerms.get(phrasing.entryId) ?? new Set<string>();
    let queryWeight = 0;
    let queryMatched = 0;
    for (const unit of units) {
      const exact = unit.terms.find((term) => phrasing.terms.has(term));
      const weight = unit.weight(exact);
      queryWeight += weight;
      queryMatched += weight * this.creditFor(unit, exact, phrasing, queryTermsHit, sameEntry);
    }
    let phrasingMatched = 0;
    phrasing.analysis.units.forEach((unit, index) => {
      if (unit.terms.some((term) => docTermsHit.has(term))) phrasingMatched += phrasing.unitWeights[index];
    });
    const bigramsHit = query.bigrams.filter((bigram) => phrasing.terms.has(bigram)).length;
    const queryCoverage = queryWeight > 0 ? queryMatched / queryWeight : 0;
    const phrasingCoverage = phrasing.totalWeight > 0 ? phrasingMatched / phrasing.totalWeight : 0;
    const bigramCoverage = query.bigrams.length > 0 ? bigramsHit / query.bigrams.length : queryCoverage;
    // The question must be explained (coverage multiplies); covering the phrasing and its word pairs refine.
    const score = queryCoverage * (0.75 + 0.15 * phrasingCoverage + 0.1 * bigramCoverage);
    return { entryId: phrasing.entryId, score, queryCoverage, phrasingCoverage, bigramCoverage, rawScore, phrasingId: phrasing.id };
  }

  /** Does the entry use this word as typed: its accented spelling, or the letters in a phrasing without accents? */
  private entryHasSpelling(unit: WeighedUnit, entryId: string): boolean {
    if (!unit.accented || unit.surface === undefined) return true;
    const { spellingEntries, plainEntryTerms } = this.search_;
    return (spellingEntries.get(unit.surface)?.has(entryId) ?? false) || unit.terms.some((term) => plainEntryTerms.get(entryId)?.has(term));
  }

  private creditFor(unit: WeighedUnit, exact: string | undefined, phrasing: Phrasing, queryTermsHit: Set<string>, sameEntry: Set<string>): number {
    if (exact) {
      // A spelling the knowledge base never uses ("Hàn" when it only has "hạn") matches its letters only loosely.
      if (unit.unknownSpelling) return UNKNOWN_SPELLING_CREDIT;
      const spellings = phrasing.spellings?.get(exact);
      if (unit.accented && spellings && !spellings.has(unit.surface as string)) return OTHER_ACCENT_CREDIT;
      return 1;
    }
    if (unit.terms.some((term) => !this.idf.has(term) && queryTermsHit.has(term))) return FUZZY_CREDIT;
    if (unit.terms.some((term) => sameEntry.has(term)) && this.entryHasSpelling(unit, phrasing.entryId)) return SAME_ENTRY_CREDIT;
    return 0;
  }
}

/** Every phrasing (question and alternates, both languages) of every entry, analysed; yields after each entry. */
function vocabularyOf(kb: KnowledgeBase, phrasings: Phrasing[]): StoredIndex {
  const entryCount = Math.max(1, kb.entries.length);
  return {
    idf: [...entriesBy(phrasings, (phrasing) => phrasing.terms)].map(([term, entries]) => [term, bm25Idf(entryCount, entries.size)]),
    accented: [...spellingEntriesOf(phrasings)].map(([spelling, entries]) => [spelling, entries.size]),
  };
}

function* analysingPhrasings(kb: KnowledgeBase, lexicon: Lexicon): Generator<void, Phrasing[], void> {
  const phrasings: Phrasing[] = [];
  const termCache = new Map<string, string>();
  for (const entry of kb.entries) {
    for (const lang of ['vi', 'en'] as const) {
      for (const text of [entry.question[lang], ...entry.alternates[lang]]) {
        const analysis = analyzeText(text, lexicon, termCache);
        phrasings.push({ id: phrasings.length, entryId: entry.id, lang, analysis, terms: new Set(analysis.allTerms), spellings: spellingsOf(text, analysis), unitWeights: [], totalWeight: 0 });
      }
    }
    yield;
  }
  return phrasings;
}

/** The entries whose phrasings have each key. */
function entriesBy(phrasings: Phrasing[], keysOf: (phrasing: Phrasing) => Iterable<string>): Map<string, Set<string>> {
  const entries = new Map<string, Set<string>>();
  for (const phrasing of phrasings) for (const key of keysOf(phrasing)) addTo(entries, key, [phrasing.entryId]);
  return entries;
}

/** Each accented spelling written in a phrasing, with the entries using it. */
function spellingEntriesOf(phrasings: Phrasing[]): Map<string, Set<string>> {
  return entriesBy(phrasings, (phrasing) => [...(phrasing.spellings?.values() ?? [])].flatMap((spellings) => [...spellings]));
}

/** Adds values to the set kept under a key. */
function addTo(map: Map<string, Set<string>>, key: string, values: Iterable<string>): void {
  const set = map.get(key) ?? new Set<string>();
  for (const value of values) set.add(value);
  map.set(key, set);
}

interface WeighedUnit extends TermUnit {
  /** Typed with Vietnamese accents: then "hàn" and "hạn" are different words. */
  accented: boolean;
  /** Typed with accents the knowledge base never uses for these letters. */
  unknownSpelling: boolean;
  /** The unit's weight, given which of its terms the phrasing has. */
  weight(exact: string | undefined): number;
}

/** For a phrasing written with accents: each term's accented spellings (for hàn vs hạn). */
function spellingsOf(text: string, analysis: TextAnalysis): Map<string, Set<string>> | null {
  if (!hasVietnameseLetters(text)) return null;
  const spellings = new Map<string, Set<string>>();
  for (const unit of analysis.units) {
    if (unit.surface === undefined) continue;
    for (const term of unit.terms) {
      const set = spellings.get(term) ?? new Set<string>();
      set.add(unit.surface);
      spellings.set(term, set);
    }
  }
  return spellings;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function bm25Idf(total: number, containing: number): number {
  return Math.log(1 + (total - containing + 0.5) / (containing + 0.5));
}
