/**
 * npm run eval -- --followups FILE [--json] [--misses] [--half a|b]
 * Two-turn follow-up cases through the conversation engine (src/core/engine/eval-followups.ts),
 * beside the same follow-ups decided without context. `--half a` takes the cases at even
 * positions, `--half b` those at odd ones: tune on one half, check on the other.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { engineContent, loadContentBundle } from '../core/content/bundle';
import { evaluateFollowUps, followUpCasesSchema, formatFollowUpReport } from '../core/engine/eval-followups';
import { knowledgeDirFromEnv } from './paths';

export async function runFollowUpEval(file: string, options: { json?: boolean; misses?: boolean; half?: string }): Promise<void> {
  const all = followUpCasesSchema.parse(parse(await readFile(path.resolve(file), 'utf8')));
  if (options.half !== undefined && options.half !== 'a' && options.half !== 'b') throw new Error('--half is a (cases at even positions) or b (odd positions)');
  const cases = options.half === undefined ? all : all.filter((_, index) => index % 2 === (options.half === 'a' ? 0 : 1));
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
      if (result.outcome !== 'right') console.log(`  ${result.kind ?? ''} [${result.expect ?? 'null'}] -> ${result.outcome} ${result.decision ?? '-'} ${result.id ?? ''} ${result.suggestions.join(',')}  (first: ${result.firstId ?? '-'}) ${result.followUp}`);
    }
  }
}
