/**
 * npm run kb:check [-- --strict]
 * The staff's safety net: validates knowledge/*.yaml and the lexicon (file:line
 * messages, exit 1 on errors), then checks that every entry's own phrasings are
 * answered by that entry (a warning; an error with --strict).
 */
import { parseArgs } from 'node:util';
import { formatProblem } from '../core/content/yaml-source';
import { selfTest } from '../core/knowledge/self-test';
import { KnowledgeAnswerer, KnowledgeLoadError } from '../core/knowledge/load-answerer';
import { loadKnowledge } from '../core/knowledge/loader';
import { knowledgeDirFromEnv } from './paths';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { strict: { type: 'boolean', default: false } } });
  const dir = knowledgeDirFromEnv();
  let answerer: KnowledgeAnswerer;
  try {
    answerer = new KnowledgeAnswerer(await loadKnowledge(dir));
  } catch (error) {
    if (error instanceof KnowledgeLoadError) {
      console.error(`✗ The knowledge base has ${error.problems.length} problem(s). Fix them and run the check again:`);
      for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
      return 1;
    }
    throw error;
  }
  const { entries } = answerer.content.kb;
  console.log(`✓ ${entries.length} entries loaded from ${dir}`);
  const misses = selfTest(answerer);
  if (misses.length === 0) {
    console.log('✓ every question and alternate is answered by its own entry');
    return 0;
  }
  console.log(`! ${misses.length} phrasing(s) are not answered by their own entry (add words that make them specific, or move them):`);
  for (const miss of misses) {
    console.log(`  ${miss.location}: [${miss.entryId}] "${miss.text}" -> ${miss.decision}${miss.got ? ` ${miss.got}` : ''}`);
  }
  return values.strict ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
