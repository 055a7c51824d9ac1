/**
 * npm run ask -- "câu hỏi" [--explain] [--after ENTRY_ID]
 * Shows the decision the bot would make for one message: the part of a long message read
 * as the question, the five most likely entries with their confidence, the second opinion
 * of the word-count (BM25) ranking, and with --explain the words that counted and the words
 * the knowledge base never uses. --after reads the message as a follow-up to that entry.
 */
import { parseArgs } from 'node:util';
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
  const decision = answerer.decide(question, { previousEntryId: values.after });
  const { answer, suggest } = answerer.thresholds;
  console.log(`decision: ${decision.kind}${decision.entry ? ` -> ${decision.entry.id}` : ''}  confidence ${decision.confidence.toFixed(3)} (answer from ${answer}, "did you mean" from ${suggest})  language ${decision.detectedLang ?? 'unsure'}`);
  if (decision.kind === 'suggest') console.log(`did you mean: ${decision.candidates.slice(0, 3).map((candidate) => candidate.id).join(', ')}`);
  const asked = decision.asked ?? question;
  if (asked !== question.trim()) console.log(`question read: "${asked}" (the story before it counts less)`);
  const unknown = answerer.index.unknownWords(asked);
  console.log(`word-count ranking (BM25) puts first: ${answerer.lexical.topEntry(asked) ?? 'nothing'}`);
  console.log(`words the knowledge base never uses: ${unknown.words.join(', ') || 'none'} (${(unknown.share * 100).toFixed(0)}% of the question; they lower the confidence)`);
  console.log('top 5:');
  for (const candidate of decision.candidates) {
    console.log(`  ${candidate.id.padEnd(30)} confidence ${candidate.confidence.toFixed(3)}  probability ${candidate.score.toFixed(3)}`);
    if (values.explain) {
      const counted = answerer.matcher.explain(asked, candidate.id).filter((word) => word.value > 0);
      console.log(`      counted for it: ${counted.map((word) => `${readable(word.feature)} (+${word.value.toFixed(2)})`).join(', ') || 'nothing'}`);
    }
  }
}

/** Feature names for staff: words as they are, word pairs and letter groups marked. */
function readable(feature: string): string {
  const [kind, text] = [feature.slice(0, 2), feature.slice(2)];
  return kind === 'w:' ? text : kind === 'p:' ? `pair "${text}"` : `letters "${text}"`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
