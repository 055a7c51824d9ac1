/**
 * Everything staff edit, loaded as one bundle so it is always consistent: the
 * knowledge base (with lexicon and thresholds), the guided flows (checked against the
 * entries they offer) and the string catalogue (both namespaces). Live reload swaps
 * whole bundles, so every string, the flows' included, follows an edit.
 */
import { checkFlows, loadFlows, FlowLoadError, type FlowSet } from '../flows';
import { unknownFlowProblems } from '../knowledge/flow-links';
import { KnowledgeAnswerer, KnowledgeLoadError } from '../knowledge/load-answerer';
import { loadKnowledge } from '../knowledge/loader';
import type { Answerer, KnowledgeEntry } from '../knowledge/types';
import { createTranslator, type Translator } from './catalogue';

export interface ContentPaths {
  knowledgeDir: string;
  dialogsDir: string;
  localesDir: string;
}

export interface ContentBundle {
  answerer: KnowledgeAnswerer;
  flows: FlowSet;
  t: Translator;
}

export async function loadContentBundle(paths: ContentPaths): Promise<ContentBundle> {
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

/** The content a turn decides with; a reload swaps it between turns. */
export interface EngineContent {
  answerer: Answerer;
  flows: FlowSet;
  entries: readonly KnowledgeEntry[];
}

/** What the engine decides with, taken from a bundle. */
export function engineContent(bundle: ContentBundle): EngineContent {
  return { answerer: bundle.answerer, flows: bundle.flows, entries: bundle.answerer.content.kb.entries };
}

export function currentTranslator(current: () => ContentBundle): Translator {
  return (lang, key, vars) => current().t(lang, key, vars);
}
