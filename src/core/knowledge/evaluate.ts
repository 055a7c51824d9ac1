/**
 * Scores a decider on labelled cases ({text, expect, lang, style}): the numbers the
 * issue targets are defined here once, for the eval CLI, the tests and the stop hook.
 */
import { z } from 'zod';
import type { Decision } from './types';

export const evalCaseSchema = z.object({
  text: z.string(),
  expect: z.string().nullable(),
  lang: z.string().default('unknown'),
  style: z.string().default('unknown'),
});
export const evalCasesSchema = z.array(evalCaseSchema);
export type EvalCase = z.output<typeof evalCaseSchema>;

export interface CaseResult {
  text: string;
  expect: string | null;
  lang: string;
  style: string;
  decision: Decision['kind'];
  id: string | null;
  suggestions: string[];
  confidence: number;
}

export interface Rates {
  inScope: number;
  answeredCorrect: number;
  reachable: number;
  wrongAnswer: number;
  outOfScope: number;
  outOfScopeFallback: number;
  outOfScopeAnswered: number;
}

export interface EvalReport {
  cases: CaseResult[];
  overall: Rates;
  byLang: Record<string, Rates>;
  byStyle: Record<string, Rates>;
  /** By message length: under 40 characters, 40-89, 90 and over. */
  byLength: Record<string, Rates>;
}

export type Decider = (text: string) => Pick<Decision, 'kind' | 'confidence'> & { id: string | null; suggestions: string[] };

export function evaluate(cases: EvalCase[], decide: Decider): EvalReport {
  const results: CaseResult[] = cases.map((testCase) => {
    const decision = decide(testCase.text);
    return { ...testCase, decision: decision.kind, id: decision.id, suggestions: decision.suggestions, confidence: round(decision.confidence) };
  });
  const group = (key: (result: CaseResult) => string) => {
    const groups: Record<string, CaseResult[]> = {};
    for (const result of results) (groups[key(result)] ??= []).push(result);
    return Object.fromEntries(Object.entries(groups).map(([name, members]) => [name, rates(members)]));
  };
  return { cases: results, overall: rates(results), byLang: group((r) => r.lang), byStyle: group((r) => r.style), byLength: group(lengthBand) };
}

export function lengthBand(result: { text: string }): string {
  const length = result.text.length;
  return length < 40 ? '< 40 chars' : length < 90 ? '40-89 chars' : '>= 90 chars';
}

function rates(results: CaseResult[]): Rates {
  const inScope = results.filter((r) => r.expect !== null);
  const outOfScope = results.filter((r) => r.expect === null);
  const share = (count: number, total: number) => (total === 0 ? 0 : round(count / total));
  const correct = inScope.filter((r) => r.decision === 'answer' && r.id === r.expect).length;
  const reachable = inScope.filter((r) => (r.decision === 'answer' && r.id === r.expect) || (r.decision === 'suggest' && r.suggestions.includes(r.expect as string))).length;
  const wrong = inScope.filter((r) => r.decision === 'answer' && r.id !== r.expect).length;
  return {
    inScope: inScope.length,
    answeredCorrect: share(correct, inScope.length),
    reachable: share(reachable, inScope.length),
    wrongAnswer: share(wrong, inScope.length),
    outOfScope: outOfScope.length,
    outOfScopeFallback: share(outOfScope.filter((r) => r.decision === 'fallback').length, outOfScope.length),
    outOfScopeAnswered: share(outOfScope.filter((r) => r.decision === 'answer').length, outOfScope.length),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Which half of a development set a case falls in, "a" or "b", by a hash of its text: the
 * same split on every machine and whatever the file's order (dev4 is ordered by topic and
 * style, so alternate cases would split by language). The fusion is fitted with half "a"
 * of dev4 and checked on half "b" (see fit-fusion.ts).
 */
export function halfOf(text: string): 'a' | 'b' {
  // FNV-1a over the UTF-16 code units.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 2 === 0 ? 'a' : 'b';
}
