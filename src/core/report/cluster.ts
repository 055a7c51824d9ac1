/**
 * Groups unanswered questions into clusters of similar questions, largest first: the
 * list of what to write next. Deterministic and simple on purpose:
 * 1. each question becomes a set of weighted terms (normalised, teencode expanded and
 *    folded by analyzeText; a word weighs its rarity in the knowledge base, English
 *    function words little), and questions with the same terms are counted as one;
 * 2. greedy average-link agglomeration: questions are taken most frequent first, and each
 *    joins the cluster whose members it resembles most on average (cosine of the weights),
 *    when that resemblance reaches the threshold; otherwise it starts a new cluster.
 */
import { analyzeText } from '../language/analyze';
import { ENGLISH_STOPWORDS } from '../language/stopwords';
import type { Lexicon } from '../language/lexicon';

export type WeightedTerms = ReadonlyMap<string, number>;

export interface ClusterOptions {
  /** The weighted terms of a text (see `termWeigher`). */
  termsOf: (text: string) => WeightedTerms;
  /** Average similarity needed to join a cluster, 0..1. */
  threshold?: number;
  /** Examples kept per cluster. */
  maxExamples?: number;
}

export interface ClusterExample {
  text: string;
  count: number;
}

export interface QuestionCluster {
  /** Questions in the cluster, repeats included. */
  size: number;
  /** The most frequent distinct questions, up to `maxExamples`. */
  examples: ClusterExample[];
  /** Every distinct question of the cluster (for finding the nearest entry). */
  texts: string[];
}

export const DEFAULT_CLUSTER_THRESHOLD = 0.35;
const STOPWORD_WEIGHT = 0.3;

/** Term weights from the lexicon, and from the knowledge index's rarity when given. */
export function termWeigher(lexicon: Lexicon, weightOf?: (term: string) => number): (text: string) => WeightedTerms {
  return (text) => {
    const terms = new Map<string, number>();
    for (const unit of analyzeText(text, lexicon).units) {
      const stopword = unit.surface !== undefined && ENGLISH_STOPWORDS.has(unit.surface);
      const weight = stopword ? STOPWORD_WEIGHT : Math.max(...unit.terms.map((term) => weightOf?.(term) ?? 1));
      for (const term of unit.terms) terms.set(term, Math.max(terms.get(term) ?? 0, weight));
    }
    return terms;
  };
}

/**
 * Cosine similarity of the two weighted term vectors: 1 for the same words, 0 for none
 * shared. Unlike Jaccard it does not punish a short question for the extra words of a
 * longer one as much ("jobs in Singapore" vs "can I work in Singapore after PN").
 */
export function similarity(a: WeightedTerms, b: WeightedTerms): number {
  let dot = 0;
  for (const [term, weight] of a) dot += weight * (b.get(term) ?? 0);
  const norm = (terms: WeightedTerms) => Math.sqrt([...terms.values()].reduce((sum, weight) => sum + weight * weight, 0));
  const denominator = norm(a) * norm(b);
  return denominator > 0 ? Math.min(1, dot / denominator) : 0;
}

interface Item {
  key: string;
  terms: WeightedTerms;
  count: number;
  /** Spellings seen, with their counts; the most frequent one represents the item. */
  spellings: Map<string, number>;
}

interface Cluster {
  members: Item[];
  /** Sum of the members' unit-length vectors: x·sum/n is x's average cosine to the members. */
  sum: Map<string, number>;
}

export function clusterQuestions(texts: string[], options: ClusterOptions): QuestionCluster[] {
  const threshold = options.threshold ?? DEFAULT_CLUSTER_THRESHOLD;
  const maxExamples = options.maxExamples ?? 5;

  const items = new Map<string, Item>();
  for (const raw of texts) {
    const text = raw.trim().replace(/\s+/g, ' ');
    const terms = options.termsOf(text);
    if (terms.size === 0) continue;
    const key = [...terms.keys()].sort().join(' ');
    const item = items.get(key) ?? { key, terms, count: 0, spellings: new Map<string, number>() };
    item.count += 1;
    item.spellings.set(text, (item.spellings.get(text) ?? 0) + 1);
    items.set(key, item);
  }

  const ordered = [...items.values()].sort((a, b) => b.count - a.count || compareText(a.key, b.key));
  const clusters: Cluster[] = [];
  /** Which clusters contain a term: only those can resemble a question with it. */
  const clustersWith = new Map<string, Set<number>>();
  for (const item of ordered) {
    const unit = unitVector(item.terms);
    const candidates = new Set<number>();
    for (const term of unit.keys()) for (const index of clustersWith.get(term) ?? []) candidates.add(index);
    let best = -1;
    let bestScore = threshold;
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const cluster = clusters[index];
      let dot = 0;
      for (const [term, weight] of unit) dot += weight * (cluster.sum.get(term) ?? 0);
      const score = dot / cluster.members.length;
      if (score > bestScore || (best === -1 && score >= bestScore)) {
        best = index;
        bestScore = score;
      }
    }
    if (best === -1) {
      best = clusters.length;
      clusters.push({ members: [], sum: new Map() });
    }
    const cluster = clusters[best];
    cluster.members.push(item);
    for (const [term, weight] of unit) {
      cluster.sum.set(term, (cluster.sum.get(term) ?? 0) + weight);
      const set = clustersWith.get(term) ?? new Set<number>();
      set.add(best);
      clustersWith.set(term, set);
    }
  }

  return clusters
    .map(({ members }) => {
      const spellings = members.flatMap((member) => [...member.spellings].map(([text, count]) => ({ text, count })));
      spellings.sort((a, b) => b.count - a.count || compareText(a.text, b.text));
      return { size: members.reduce((sum, member) => sum + member.count, 0), examples: spellings.slice(0, maxExamples), texts: spellings.map((spelling) => spelling.text) };
    })
    .sort((a, b) => b.size - a.size || compareText(a.examples[0].text, b.examples[0].text));
}

function unitVector(terms: WeightedTerms): Map<string, number> {
  const norm = Math.sqrt([...terms.values()].reduce((sum, weight) => sum + weight * weight, 0));
  return new Map([...terms].map(([term, weight]) => [term, norm > 0 ? weight / norm : 0]));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
