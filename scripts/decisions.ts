/**
 * Every decision the matcher makes on a set of texts, to compare two versions of the code
 * on the same (frozen) knowledge base:
 *   npx tsx scripts/decisions.ts dump OUT.json [CASES.yaml ...]   (KNOWLEDGE_DIR as the CLIs read it)
 *   npx tsx scripts/decisions.ts diff BEFORE.json AFTER.json
 * `dump` decides every case text of the given files and every phrasing of the knowledge
 * base (questions and alternates, both languages), through the public `decide(text)`.
 * `diff` prints each text whose decision changed (kind, entry, suggestions) and the counts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { loadAnswerer } from '../src/core/knowledge/load-answerer';
import { knowledgeDirFromEnv } from '../src/cli/paths';

interface Row {
  set: string;
  text: string;
  expect?: string | null;
  kind: string;
  id: string | null;
  suggestions: string[];
  confidence: number;
}

async function dump(out: string, files: string[]): Promise<void> {
  const answerer = await loadAnswerer({ knowledgeDir: knowledgeDirFromEnv() });
  const texts: { set: string; text: string; expect?: string | null }[] = [];
  for (const file of files) {
    const cases = parse(await readFile(path.resolve(file), 'utf8')) as { text: string; expect: string | null }[];
    for (const testCase of cases) texts.push({ set: path.basename(file), text: testCase.text, expect: testCase.expect });
  }
  for (const entry of answerer.content.kb.entries) {
    for (const lang of ['vi', 'en'] as const) {
      for (const text of [entry.question[lang], ...entry.alternates[lang]]) texts.push({ set: 'kb', text, expect: entry.id });
    }
  }
  const rows: Row[] = texts.map(({ set, text, expect }) => {
    const decision = answerer.decide(text);
    return {
      set,
      text,
      expect,
      kind: decision.kind,
      id: decision.entry?.id ?? null,
      suggestions: decision.kind === 'suggest' ? decision.candidates.slice(0, 3).map((candidate) => candidate.id) : [],
      confidence: Math.round(decision.confidence * 1e6) / 1e6,
    };
  });
  await writeFile(out, JSON.stringify(rows, null, 1));
  console.log(`${rows.length} decisions written to ${out}`);
}

const shown = (row: Row) => `${row.kind} ${row.id ?? ''}${row.suggestions.length > 0 ? ` [${row.suggestions.join(',')}]` : ''}`;

async function diff(beforeFile: string, afterFile: string): Promise<void> {
  const before = JSON.parse(await readFile(beforeFile, 'utf8')) as Row[];
  const after = JSON.parse(await readFile(afterFile, 'utf8')) as Row[];
  if (before.length !== after.length) throw new Error(`different numbers of decisions: ${before.length} vs ${after.length}`);
  let same = 0;
  let sameConfidence = 0;
  for (let i = 0; i < before.length; i++) {
    const [a, b] = [before[i], after[i]];
    if (a.text !== b.text) throw new Error(`row ${i}: different texts`);
    if (shown(a) === shown(b)) {
      same += 1;
      if (a.confidence === b.confidence) sameConfidence += 1;
    } else console.log(`${a.set}\t${JSON.stringify(a.text)}\t${shown(a)} -> ${shown(b)}\t(expect ${a.expect ?? 'null'})`);
  }
  console.log(`identical decisions: ${same}/${before.length} (identical confidence too: ${sameConfidence})`);
}

const [command, ...args] = process.argv.slice(2);
(command === 'dump' ? dump(args[0], args.slice(1)) : command === 'diff' ? diff(args[0], args[1]) : Promise.reject(new Error('usage: dump OUT [CASES...] | diff A B'))).catch(
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
