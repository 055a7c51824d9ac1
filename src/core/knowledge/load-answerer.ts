/**
 * Builds the bot's answerer from the content folder: load and validate the YAML, index
 * it, and decide. The only entry point src/bot needs from the knowledge core.
 */
import { detectLanguage } from '../language/detect';
import { foldDiacritics } from '../language/normalize';
import { decideKind, toCandidates, type Thresholds } from './decide';
import { KnowledgeIndex } from './index';
import { loadKnowledge, type LoadedKnowledge } from './loader';
import type { Answerer, Decision, KnowledgeEntry } from './types';

export { KnowledgeLoadError } from './loader';

export class KnowledgeAnswerer implements Answerer {
  readonly index: KnowledgeIndex;

  readonly thresholds: Thresholds;

  constructor(readonly content: LoadedKnowledge, thresholds?: Thresholds) {
    this.thresholds = thresholds ?? content.thresholds;
    this.index = new KnowledgeIndex(content.kb, content.lexicon);
  }

  decide(text: string): Decision {
    const { ranked } = this.index.search(text, 5);
    const candidates = toCandidates(ranked, this.thresholds);
    const { kind, shown } = decideKind(candidates, this.thresholds);
    const detected = detectLanguage(text, { isVietnameseShorthand: (folded) => this.content.lexicon.rulesByFirstToken.has(foldDiacritics(folded)) });
    return {
      kind,
      entry: kind === 'answer' ? this.content.kb.byId.get(shown[0].id) : undefined,
      confidence: candidates[0]?.confidence ?? 0,
      candidates: kind === 'suggest' ? [...shown, ...candidates.filter((candidate) => !shown.includes(candidate))] : candidates,
      detectedLang: detected.sure ? detected.lang : null,
    };
  }

  entry(id: string): KnowledgeEntry | undefined {
    return this.content.kb.byId.get(id);
  }
}

export async function loadAnswerer(options: { knowledgeDir: string; thresholds?: Thresholds }): Promise<KnowledgeAnswerer> {
  return new KnowledgeAnswerer(await loadKnowledge(options.knowledgeDir), options.thresholds);
}
