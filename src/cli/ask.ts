/**
 * npm run ask -- "câu hỏi" [--explain] [--after ENTRY_ID]
 * Shows the decision the bot would make for one message: the part of a long message read
 * as the question, the five most likely entries with their confidence, the second opinion
 * of the word-count (BM25) ranking, and with --explain the words that counted and the words
 * the knowledge base never uses. --after reads the message as a follow-up to that entry.
 */
import { parseArgs } from 'node:util';
import { explainDecision } from '../core/knowledge/explain';
import { loadAnswerer } from '../core/knowledge/load-answerer';
import { knowledgeDirFromEnv } from './paths';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { explain: { type: 'boolean', default: false }, after: { type: 'string' } } });
  const question = positionals.join(' ').trim();
  if (!question) {
    console.error('usage: npm run ask -- "your question" [--explain] [--after ENTRY_ID]');
    process.exit(2);
  }
  const answerer = await loadAnswerer({ knowledgeDir: knowledgeDirFromEnv() });
  if (values.after && !answerer.entry(values.after)) {
    console.error(`no entry "${values.after}" in the knowledge base`);
    process.exit(2);
  }
  const explained = explainDecision(answerer, question, { previousEntryId: values.after });
  const { answer, suggest } = explained.thresholds;
  console.log(`decision: ${explained.decision}${explained.entryId ? ` -> ${explained.entryId}` : ''}  confidence ${explained.confidence.toFixed(3)} (answer from ${answer}, "did you mean" from ${suggest})  language ${explained.detectedLang ?? 'unsure'}`);
  if (explained.decision === 'suggest') console.log(`did you mean: ${explained.suggestions.join(', ')}`);
  if (explained.asked !== undefined) console.log(`question read: "${explained.asked}" (the story before it counts less)`);
  console.log(`in scope ${explained.inScope.toFixed(3)} (a question for the knowledge base at all; "did you mean" from ${suggest})`);
  console.log(`word-count ranking (BM25) puts first: ${explained.lexicalTop ?? 'nothing'} over the question read, ${explained.lexicalWholeTop ?? 'nothing'} over the whole message`);
  console.log(`words the knowledge base never uses: ${explained.unknownWords.join(', ') || 'none'} (${(explained.unknownShare * 100).toFixed(0)}% of the question; they lower the confidence)`);
  console.log('top 5:');
  for (const candidate of explained.candidates) {
    console.log(`  ${candidate.id.padEnd(30)} confidence ${candidate.confidence.toFixed(3)}  probability ${candidate.probability.toFixed(3)}`);
    if (values.explain) console.log(`      counted for it: ${candidate.counted.map((word) => `${word.text} (+${word.value.toFixed(2)})`).join(', ') || 'nothing'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
