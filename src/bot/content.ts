/**
 * Everything staff edit, loaded as one bundle so it is always consistent: the
 * knowledge base (with lexicon and thresholds), the guided flows (checked against the
 * entries they offer) and the bot's UI strings. Live reload swaps whole bundles.
 */
import { checkFlows, loadFlows, FlowLoadError, type FlowSet } from '../core/flows';
import { unknownFlowProblems } from '../core/knowledge/flow-links';
import { KnowledgeAnswerer, KnowledgeLoadError } from '../core/knowledge/load-answerer';
import { loadKnowledge } from '../core/knowledge/loader';
import type { Answerer, Lang } from '../core/knowledge/types';
import type { Translator } from '../core/conversation/reply';
import { createTranslator } from './i18n';

export interface ContentPaths {
  knowledgeDir: string;
  dialogsDir: string;
  localesDir: string;
}

export interface BotContent {
  answerer: KnowledgeAnswerer;
  flows: FlowSet;
  t: Translator;
}

export async function loadBotContent(paths: ContentPaths): Promise<BotContent> {
  const knowledge = await loadKnowledge(paths.knowledgeDir);
  // Trained in slices: during a live reload the bot keeps answering with the previous bundle.
  const answerer = await KnowledgeAnswerer.build(knowledge);
  const flows = await loadFlows(paths.dialogsDir);
  // A flow that offers an entry which no longer exists would show a dead button.
  const crossProblems = await checkFlows(paths.dialogsDir, new Set(answerer.content.kb.byId.keys()));
  if (crossProblems.length > 0) throw new FlowLoadError(crossProblems);
  // And the other way: an entry's `flow:` must name a flow that exists.
  const flowProblems = unknownFlowProblems(answerer.content.kb, new Set(flows.byId.keys()));
  if (flowProblems.length > 0) throw new KnowledgeLoadError(flowProblems);
  return { answerer, flows, t: createTranslator(paths.localesDir) };
}

/** An answerer that always asks the current bundle, so a reload is seen on the next turn. */
export function currentAnswerer(current: () => BotContent): Answerer {
  return {
    decide: (text) => current().answerer.decide(text),
    entry: (id) => current().answerer.entry(id),
  };
}

export function currentTranslator(current: () => BotContent): Translator {
  return (lang: Lang, key, vars) => current().t(lang, key, vars);
}
