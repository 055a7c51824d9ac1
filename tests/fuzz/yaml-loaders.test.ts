/**
 * Issue 11: fuzzing the YAML loaders. Whatever a staff member's editor leaves in a file
 * (a deleted line, a stray character, a cut-off save, random bytes), loading gives either
 * a knowledge base / a flow, or problems that name the file and a line: never another
 * exception (which would take a reload, or kb:check, down with a stack trace).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ContentError } from '../../src/core/yaml/yaml-source';
import { parseFlowFile } from '../../src/core/flows';
import { buildKnowledge, type SourceFile } from '../../src/core/knowledge/loader';

const ROOT = path.resolve(__dirname, '../..');

function readFolder(folder: string): SourceFile[] {
  return readdirSync(path.join(ROOT, folder))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, display: `${folder}/${name}`, text: readFileSync(path.join(ROOT, folder, name), 'utf8') }));
}

const KNOWLEDGE = readFolder('knowledge');
/** More runs for a deeper search: FUZZ_RUNS=1000 npx jest tests/fuzz (each knowledge run builds a whole index). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const DIALOGS = readFolder('dialogs');

/** Characters that mean something to YAML, and a few that mean trouble elsewhere. */
const TROUBLE = [':', '-', '#', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\ufeff', '\u0000', '? ', '<<: *a', '---\n', '...\n', 'đ', '😀'];

type Edit =
  | { kind: 'deleteLine'; at: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'indent'; at: number; by: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TROUBLE), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);

function applyEdit(text: string, change: Edit): string {
  const lines = text.split('\n');
  const line = change.at % Math.max(1, lines.length);
  switch (change.kind) {
    case 'deleteLine':
      lines.splice(line, 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 'insert': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + change.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, change.at % (text.length + 1));
    case 'indent': {
      const current = lines[line] ?? '';
      lines[line] = change.by >= 0 ? ' '.repeat(change.by) + current : current.replace(new RegExp(`^ {0,${-change.by}}`), '');
      return lines.join('\n');
    }
  }
}

/** A real file with a few edits, or any text at all. */
function damaged(files: SourceFile[]): fc.Arbitrary<{ index: number; text: string }> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ index: fc.nat(files.length - 1), edits: fc.array(edit, { minLength: 1, maxLength: 4 }) }).map(({ index, edits }) => ({ index, text: edits.reduce(applyEdit, files[index].text) })) },
    { weight: 1, arbitrary: fc.record({ index: fc.nat(files.length - 1), text: fc.string({ maxLength: 300, unit: 'binary' }) }) },
  );
}

function expectLocated(problems: Array<{ file: string; line: number; column: number; message: string }>, files: SourceFile[]): void {
  expect(problems.length).toBeGreaterThan(0);
  const names = new Set([...files.map((file) => file.display), 'knowledge']);
  for (const problem of problems) {
    expect(names.has(problem.file) || problem.file.startsWith('knowledge')).toBe(true);
    expect(Number.isInteger(problem.line) && problem.line >= 1).toBe(true);
    expect(typeof problem.message).toBe('string');
    expect(problem.message.length).toBeGreaterThan(0);
  }
}

test('knowledge files: any damage gives a knowledge base or file:line problems, never another exception', () => {
  fc.assert(
    fc.property(damaged(KNOWLEDGE), ({ index, text }) => {
      const files = KNOWLEDGE.map((file, i) => (i === index ? { ...file, text } : file));
      try {
        const loaded = buildKnowledge(files);
        expect(loaded.kb.entries.length).toBeGreaterThan(0);
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        expectLocated(error.problems, files);
      }
    }),
    { numRuns: RUNS || 40 },
  );
});

test('flow files: any damage gives a flow or file:line problems, never an exception', () => {
  fc.assert(
    fc.property(damaged(DIALOGS), ({ index, text }) => {
      const file = DIALOGS[index];
      const parsed = parseFlowFile(file.display, text, file.name.replace(/\.yaml$/, ''));
      if (parsed.flow) expect(parsed.problems).toEqual([]);
      else expectLocated(parsed.problems, DIALOGS);
    }),
    { numRuns: RUNS || 300 },
  );
});
