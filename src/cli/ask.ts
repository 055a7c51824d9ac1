/**
 * npm run ask -- "câu hỏi" [--explain]
 * Shows the decision the bot would make for one question and the top 5 entries with
 * their scores: the quickest way for staff to see why a question lands where it does.
 */
import { parseArgs } from 'node:util';
import { loadAnswerer } from '../core/knowledge/load-answerer';
import { knowledgeDirFromEnv } from './paths';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { explain: { type: 'boolean', default: false } } });
  const question = positionals.join(' ').trim();
  if (!question) {
    console.error('usage: npm run ask -- "your question" [--explain]');
    process.exit(2);
  }
  const answerer = await loadAnswerer({ knowledgeDir: knowledgeDirFromEnv() });
  const decision = answerer.decide(question);
  const { ranked } = answerer.index.search(question, 5);
  console.log(`decision: ${decision.kind}${decision.entry ? ` -> ${decision.entry.id}` : ''}  confidence ${decision.confidence.toFixed(3)}  language ${decision.detectedLang ?? 'unsure'}`);
  if (decision.kind === 'suggest') console.log(`did you mean: ${decision.candidates.slice(0, 3).map((candidate) => candidate.id).join(', ')}`);
  console.log('top 5:');
  for (const entry of ranked) {
    const phrasing = answerer.index.phrasing(entry.phrasingId);
    console.log(
      `  ${entry.entryId.padEnd(30)} score ${entry.score.toFixed(3)}  question-coverage ${entry.queryCoverage.toFixed(2)}  phrasing-coverage ${entry.phrasingCoverage.toFixed(2)}  pairs ${entry.bigramCoverage.toFixed(2)}  bm25 ${entry.rawScore.toFixed(2)}`,
    );
    console.log(`      best phrasing: "${phrasing?.tokens.join(' ')}"`);
    if (values.explain) {
      for (const word of answerer.index.explain(question, entry.phrasingId)) console.log(`      ${word.term.padEnd(16)} weight ${word.weight.toFixed(2)}  credit ${word.credit}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
