/**
 * `npm run bench -- decide`: what one decision costs on real messages, short and long, and a
 * follow-up after its first message, with garbage collections counted. The search benchmark's
 * eight short queries cannot show it: the dearest decisions are long messages (a story, then
 * two questions), read whole, by their asking part and sentence by sentence.
 *
 * Every message of dev2 and dev5 (tests/fixtures/eval, development sets) and every follow-up
 * of the development follow-up sets, on the real knowledge base, in a process of its own on
 * the compiled code. CPU time (process.cpuUsage) per decision is the number to compare on a
 * shared machine; wall-time percentiles are shown beside it with the load average.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parse } from 'yaml';
import { loadAnswerer, type KnowledgeAnswerer } from '../src/core/knowledge/load-answerer';
import { ROOT, runCompiled } from './processes';

const CASES = ['dev/dev2.yaml', 'dev5/dev5.yaml'];
const FOLLOW_UPS = ['dev/dev2-followups.yaml', 'dev4/dev4-followups.yaml', 'dev5/dev5-followups.yaml'];
/** A message of more words than this is long. */
const LONG_WORDS = 15;
const ROUNDS = 5;
const MEASURE = '--measure';

export async function benchDecide(): Promise<string[]> {
  // The project folder is passed on: the compiled copy of this file lives under dist/.
  return JSON.parse(await runCompiled('bench/decide.ts', [MEASURE, ROOT])) as string[];
}

function casesOf<T>(root: string, file: string): T[] {
  return parse(readFileSync(path.join(root, 'tests/fixtures/eval', file), 'utf8')) as T[];
}

interface Measured {
  cpuMicros: number;
  p50: number;
  p99: number;
  collections: number;
}

/** Decides every item `ROUNDS` times after a warm-up pass: CPU per decision, wall percentiles (ms) and garbage collections. */
async function measure(items: readonly (() => void)[]): Promise<Measured> {
  for (const decide of items) decide();
  let collections = 0;
  const observer = new PerformanceObserver((list) => (collections += list.getEntries().length));
  observer.observe({ entryTypes: ['gc'] });
  const samples: number[] = [];
  const before = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    for (const decide of items) {
      const start = process.hrtime.bigint();
      decide();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const cpu = process.cpuUsage(before);
  // The collections are reported asynchronously: let the observer hear of the last ones.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { cpuMicros: (cpu.user + cpu.system) / samples.length, p50: at(0.5), p99: at(0.99), collections };
}

function line(name: string, count: number, measured: Measured): string {
  const perThousand = (measured.collections * 1000) / (count * ROUNDS);
  return `${name} (n=${count} x ${ROUNDS}): CPU ${measured.cpuMicros.toFixed(0)} µs per decision | wall p50 ${measured.p50.toFixed(3)} ms, p99 ${measured.p99.toFixed(3)} ms | ${perThousand.toFixed(1)} garbage collections per 1,000 decisions`;
}

async function measureDecisions(root: string): Promise<string[]> {
  const answerer: KnowledgeAnswerer = await loadAnswerer({ knowledgeDir: path.join(root, 'knowledge') });
  const texts = CASES.flatMap((file) => casesOf<{ text: string }>(root, file).map((testCase) => testCase.text));
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  const short = texts.filter((text) => words(text) <= LONG_WORDS);
  const long = texts.filter((text) => words(text) > LONG_WORDS);
  const pairs = FOLLOW_UPS.flatMap((file) => casesOf<{ first: string; followUp: string }>(root, file));
  const followUps = pairs.map(({ first, followUp }) => {
    const previousEntryId = answerer.decide(first).entry?.id;
    return () => answerer.decide(followUp, { previousEntryId, previousQuestion: first });
  });
  const load = os.loadavg().map((value) => value.toFixed(1)).join(', ');
  return [
    `load average ${load} (${os.cpus().length} cores)`,
    line(`short messages, <= ${LONG_WORDS} words`, short.length, await measure(short.map((text) => () => answerer.decide(text)))),
    line(`long messages, > ${LONG_WORDS} words`, long.length, await measure(long.map((text) => () => answerer.decide(text)))),
    line('follow-ups after their first message', followUps.length, await measure(followUps)),
  ];
}

const measureAt = process.argv.indexOf(MEASURE);
if (require.main === module && measureAt >= 0) {
  measureDecisions(process.argv[measureAt + 1])
    .then((lines) => process.stdout.write(JSON.stringify(lines)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
