/**
 * npm run eval -- --cases FILE [--json] [--baseline] [--misses]
 * npm run eval -- --followups FILE [--json] [--misses]   (two-turn cases, see eval-followups.ts)
 * Runs the bot's decision on labelled cases and prints the summary (or JSON).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { plainMiniSearchDecider } from '../core/knowledge/baseline';
import { evalCasesSchema, evaluate, type Decider, type EvalReport, type Rates } from '../core/knowledge/evaluate';
import { loadAnswerer, type KnowledgeAnswerer } from '../core/knowledge/load-answerer';
import { runFollowUpEval } from './eval-followups';
import { knowledgeDirFromEnv } from './paths';

export function answererDecider(answerer: KnowledgeAnswerer): Decider {
  return (text) => {
    const decision = answerer.decide(text);
    return {
      kind: decision.kind,
      confidence: decision.confidence,
      id: decision.entry?.id ?? null,
      suggestions: decision.kind === 'suggest' ? decision.candidates.slice(0, 3).map((candidate) => candidate.id) : [],
    };
  };
}

function formatRates(name: string, rates: Rates): string {
  const pct = (value: number) => `${(value * 100).toFixed(1).padStart(5)}%`;
  const inScope = rates.inScope > 0 ? `correct ${pct(rates.answeredCorrect)}  reachable ${pct(rates.reachable)}  wrong ${pct(rates.wrongAnswer)}  (n=${rates.inScope})` : '';
  const outOfScope = rates.outOfScope > 0 ? `  oos-fallback ${pct(rates.outOfScopeFallback)}  oos-answered ${pct(rates.outOfScopeAnswered)}  (n=${rates.outOfScope})` : '';
  return `  ${name.padEnd(16)}${inScope}${outOfScope}`;
}

export function formatReport(title: string, report: EvalReport): string {
  return [
    title,
    formatRates('overall', report.overall),
    ...Object.entries(report.byLang).map(([name, rates]) => formatRates(`lang ${name}`, rates)),
    ...Object.entries(report.byStyle).map(([name, rates]) => formatRates(`style ${name}`, rates)),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cases: { type: 'string' }, followups: { type: 'string' }, json: { type: 'boolean', default: false }, baseline: { type: 'boolean', default: false }, misses: { type: 'boolean', default: false } },
  });
  if (values.followups) return runFollowUpEval(values.followups, values);
  if (!values.cases) {
    console.error('usage: npm run eval -- --cases FILE [--json] [--baseline] [--misses] | --followups FILE [--json] [--misses]');
    process.exit(2);
  }
  const cases = evalCasesSchema.parse(parse(await readFile(path.resolve(values.cases), 'utf8')));
  const answerer = await loadAnswerer({ knowledgeDir: knowledgeDirFromEnv() });
  const ours = evaluate(cases, answererDecider(answerer));
  const baseline = values.baseline ? evaluate(cases, plainMiniSearchDecider(answerer.content.kb)) : undefined;
  if (values.json) {
    console.log(JSON.stringify(baseline ? { ours, baseline } : ours, null, 2));
    return;
  }
  console.log(formatReport(`Ours (${cases.length} cases)`, ours));
  if (baseline) console.log(formatReport('\nPlain MiniSearch baseline (defaults, fuzzy 0.2, answers its top hit)', baseline));
  if (values.misses) {
    console.log('\nMisses:');
    for (const result of ours.cases) {
      const ok = result.expect === null ? result.decision === 'fallback' : result.decision === 'answer' && result.id === result.expect;
      if (!ok) console.log(`  [${result.expect ?? 'null'}] -> ${result.decision} ${result.id ?? ''} ${result.suggestions.join(',')} (${result.confidence}) ${result.text}`);
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
