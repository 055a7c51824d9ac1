/**
 * npm run eval -- --followups FILE [--json] [--misses]
 * Two-turn follow-up cases through the conversation engine (src/core/engine/eval-followups.ts),
 * beside the same follow-ups decided without context.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { engineContent, loadContentBundle } from '../core/content/bundle';
import { evaluateFollowUps, followUpCasesSchema, formatFollowUpReport } from '../core/engine/eval-followups';
import { knowledgeDirFromEnv } from './paths';

export async function runFollowUpEval(file: string, options: { json?: boolean; misses?: boolean }): Promise<void> {
  const cases = followUpCasesSchema.parse(parse(await readFile(path.resolve(file), 'utf8')));
  const bundle = await loadContentBundle({
    knowledgeDir: knowledgeDirFromEnv(),
    dialogsDir: path.resolve(process.env.DIALOGS_DIR ?? 'dialogs'),
    localesDir: path.resolve(process.env.LOCALES_DIR ?? 'locales'),
  });
  const content = engineContent(bundle);
  const withContext = evaluateFollowUps(cases, content, true);
  const without = evaluateFollowUps(cases, content, false);
  if (options.json) {
    console.log(JSON.stringify({ withContext, withoutContext: without }, null, 2));
    return;
  }
  console.log(formatFollowUpReport('With context (the bot)', withContext));
  console.log(formatFollowUpReport('Without context (fresh conversation)', without));
  if (options.misses) {
    console.log('\nMisses:');
    for (const result of withContext.cases) {
      if (result.outcome !== 'right') console.log(`  [${result.expect ?? 'null'}] -> ${result.outcome} ${result.decision ?? '-'} ${result.id ?? ''} ${result.suggestions.join(',')}  (first: ${result.firstId ?? '-'}) ${result.followUp}`);
    }
  }
}
