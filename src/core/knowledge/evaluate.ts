/**
 * Scores a decider on labelled cases ({text, expect, lang, style}): the numbers the
 * issue targets are defined here once, for the eval CLI, the tests and the stop hook.
 */
import { z } from 'zod';
import type { Decision } from './types';
import { fold } from '../language/fold';

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

/**
 * Harder copies of a set's messages (`npm run eval -- --variant NAME`), so that how a message
 * is read does not depend on how carefully it was typed or how much it tells first:
 * - `runon`: one run-on block typed on a phone (lower case, no sentence or clause
 *   punctuation, sentences joined);
 * - `runon-fold`: the same without accents (the project's fold);
 * - `runon-story`: `runon-fold` after two more sentences of back-story (STORY_FOR_EVAL,
 *   written for this and never trained on), as the longest messages students send.
 */
export const CASE_VARIANTS = ['runon', 'runon-fold', 'runon-story'] as const;
export type CaseVariant = (typeof CASE_VARIANTS)[number];

export function variantOf(text: string, variant: CaseVariant, lang = 'vi'): string {
  const told = variant === 'runon-story' ? `${storyFor(text, lang)} ${text}` : text;
  const runOn = told
    .toLowerCase()
    .replace(/[.?!,;:…()"“”]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return variant === 'runon' ? runOn : fold(runOn);
}

/** Back-story for `runon-story`, not among the training's story sentences (model/story-sentences.ts). */
const STORY_FOR_EVAL: Record<'vi' | 'en', readonly string[]> = {
  vi: [
    'Nhà em ở xa lắm, phải đi xe đò hai tiếng mới ra tới thành phố.',
    'Bố em mất sớm, mẹ em đi bán hàng ngoài chợ nuôi ba chị em.',
    'Em có hỏi thử mấy thầy cô ở trường nhưng không ai biết rõ.',
    'Hôm trước em có nhắn cho một bạn đã học ở đó mà bạn ấy bận quá chưa trả lời.',
    'Dạo này em cứ suy nghĩ mãi về chuyện học hành sau này.',
    'Anh trai em đi làm xa, gửi tiền về cũng không được bao nhiêu.',
  ],
  en: [
    'My village is about two hours by bus from the city and the internet at home is bad.',
    'My dad passed away when I was young and my mom sells vegetables at the market.',
    'I asked a few teachers at my school but nobody really knew the details.',
    'I messaged someone who studied there but they were busy and never replied.',
    'I have been thinking about my future a lot lately.',
    'My older brother works far away and cannot send much money home.',
  ],
};

function storyFor(text: string, lang: string): string {
  const pool = STORY_FOR_EVAL[lang === 'en' ? 'en' : 'vi'];
  const at = text.length % pool.length;
  return `${pool[at]} ${pool[(at + 1) % pool.length]}`;
}
