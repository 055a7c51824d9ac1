/** Staff see file:line:column and plain words for every mistake in a dialogs/*.yaml file. */
import path from 'node:path';
import { checkFlows, FlowLoadError, formatProblem, loadFlows, parseFlowFile, type FlowProblem } from '../../src/core/flows';
import { loadKnowledge } from '../../src/core/knowledge/loader';
import { DIALOGS_DIR } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures');

async function loadProblems(dir: string): Promise<string[]> {
  try {
    await loadFlows(dir, ROOT);
  } catch (err) {
    if (err instanceof FlowLoadError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error(`expected ${dir} to fail`);
}

describe('loadFlows', () => {
  test('loads the shipped flows', async () => {
    const set = await loadFlows(DIALOGS_DIR, ROOT);
    expect([...set.byId.keys()].sort()).toEqual(['contact', 'handoff', 'japan-readiness', 'pn-eligibility']);
    expect(set.byId.get('contact')?.location.file).toBe(path.join('dialogs', 'contact.yaml'));
  });

  test('a YAML syntax error names the line where the quote was opened', async () => {
    const problems = await loadProblems(path.join(FIXTURES, 'flows-bad'));
    expect(problems).toContain(
      'tests/fixtures/flows-bad/broken-syntax.yaml:6:19: YAML syntax: this quoted text is never closed: add the closing " (Missing closing "quote)',
    );
  });

  test('schema errors name file, line, column and the fix in plain words', async () => {
    const problems = (await loadProblems(path.join(FIXTURES, 'flows-bad'))).filter((p) => p.includes('schema-errors'));
    const file = 'tests/fixtures/flows-bad/schema-errors.yaml';
    expect(problems).toEqual([
      `${file}:4:3: title > en: "en" is missing; it should be a text (every text needs both "vi" and "en")`,
      `${file}:9:5: step "age": unknown field "maximum" (check the spelling and the indentation)`,
      `${file}:11:11: step "region" > kind: "list" is not a known kind; use one of: text, choice, confirm, number`,
      `${file}:19:26: outcome "old" > condition 1 > op: "greater" is not a known op; use one of: eq, in, lt, lte, gt, gte, between`,
    ]);
  });

  test('the error message lists every problem so one run shows them all', async () => {
    await expect(loadFlows(path.join(FIXTURES, 'flows-bad'), ROOT)).rejects.toThrow(/5 problems in the dialog files/);
  });
});

describe('checkFlows', () => {
  test('reports rules that point nowhere, a save without consent, and unknown offers', async () => {
    const problems = (await checkFlows(path.join(FIXTURES, 'flows-rules'), new Set(['pn.eligibility']), ROOT)).map(formatProblem);
    const file = 'tests/fixtures/flows-rules/rule-errors.yaml';
    expect(problems).toEqual([
      `${file}:21:40: outcome "saved" > condition 1 > value: "north" is not a choice of step "region"; its choices are: central, elsewhere`,
      `${file}:22:11: outcome "saved" > save: an outcome that saves data must require consent: add "- { step: consent, op: eq, value: true }" to its "when"`,
      `${file}:26:17: outcome "named" > condition 1 > step: "nmae" is not a step in this flow; steps you can use: name, region, consent`,
      `${file}:27:17: outcome "named" > text > vi: {{region}} names a choice step; only text and number answers can be shown in a text`,
      `${file}:29:17: outcome "named" > offer 1: there is no dialog "no-such-flow" (no file dialogs/no-such-flow.yaml)`,
      `${file}:30:18: outcome "named" > offer 2: the knowledge-base entry "pn.no-such-entry" does not exist`,
    ]);
  });

  test('every entry the shipped flows offer exists in the knowledge base', async () => {
    const { kb } = await loadKnowledge(path.join(ROOT, 'knowledge'), ROOT);
    const problems = await checkFlows(DIALOGS_DIR, new Set(kb.byId.keys()), ROOT);
    expect(problems.map(formatProblem)).toEqual([]);
  });

  test('an unknown entry in a shipped flow would be reported with its line', async () => {
    const problems = await checkFlows(DIALOGS_DIR, new Set(['pn.eligibility']), ROOT);
    const missing = problems.find((p) => p.message.includes('"pn.how-to-apply"'));
    expect(missing?.file).toMatch(/^dialogs\/(japan-readiness|pn-eligibility)\.yaml$/);
    expect(missing?.line).toBeGreaterThan(1);
    expect(missing?.message).toMatch(/^outcome "[A-Za-z]+" > offer \d: the knowledge-base entry "pn.how-to-apply" does not exist$/);
  });
});

/** One-file checks, in memory. */
function problemsOf(yaml: string, id = 'f'): FlowProblem[] {
  return parseFlowFile('f.yaml', yaml, id).problems;
}

const HEAD = `id: f
title: { vi: T, en: T }
`;
const DEFAULT = `default:
  id: d
  text: { vi: D, en: D }
`;

describe('parseFlowFile cross-checks', () => {
  test('a prompt may have a parent wording and a choice a short title of at most 20 characters', () => {
    const yaml = `${HEAD}steps:
  - id: n
    kind: choice
    prompt: { vi: Bạn?, en: You?, parent: { vi: Cháu?, en: Your child? } }
    choices:
      - { id: a, label: { vi: Đã tốt nghiệp THPT, en: Finished school }, short: { vi: Đã tốt nghiệp, en: Graduated } }
      - { id: b, label: { vi: Chưa, en: Not yet }, short: { vi: Chưa, en: Not yet but a very long title } }
outcomes: []
${DEFAULT}`;
    const problems = problemsOf(yaml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 9, message: expect.stringMatching(/short > en: needs at most 20 characters/) });
  });

  test("an outcome and a step's help may have a parent wording, whose placeholders are checked too", () => {
    const yaml = `${HEAD}steps:
  - { id: n, kind: number, prompt: { vi: S?, en: N? }, help: { vi: Số tuổi, en: Age, parent: { vi: Tuổi của cháu, en: Your child's age } } }
outcomes:
  - id: o
    when: [{ step: n, op: gt, value: 3 }]
    text: { vi: '{{n}} tuổi', en: 'aged {{n}}', parent: { vi: 'cháu {{n}} tuổi', en: 'your child is {{m}}' } }
${DEFAULT}`;
    const problems = problemsOf(yaml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ message: expect.stringMatching(/\{\{m\}\} is not an earlier step/) });
  });

  test('a valid minimal flow has no problems', () => {
    const yaml = `${HEAD}steps:
  - { id: n, kind: number, prompt: { vi: S?, en: N? } }
outcomes: []
${DEFAULT}`;
    expect(problemsOf(yaml)).toEqual([]);
  });

  test('the flow id must match the file name', () => {
    const yaml = `${HEAD}steps:
  - { id: n, kind: number, prompt: { vi: S?, en: N? } }
outcomes: []
${DEFAULT}`;
    expect(problemsOf(yaml, 'other')[0]).toMatchObject({ line: 1, column: 5, message: 'id: the flow id "f" must match the file name "other"' });
  });

  test('duplicate step ids, min above max, and a rule on a later step', () => {
    const yaml = `${HEAD}steps:
  - id: a
    kind: number
    min: 9
    max: 1
    when: [{ step: b, op: eq, value: true }]
    prompt: { vi: A, en: A }
  - { id: b, kind: confirm, prompt: { vi: B, en: B } }
  - { id: b, kind: confirm, prompt: { vi: B, en: B } }
outcomes: []
${DEFAULT}`;
    const messages = problemsOf(yaml).map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      '6: step "a" > min: min (9) is larger than max (1)',
      '8: step "a" > condition 1 > step: "b" is not a step asked before this step; steps you can use: (none)',
      '11: step "b" > id: the step id "b" is used twice; each step needs its own id',
    ]);
  });

  test('a yes/no step compared with a text, a free-text step in a rule, an outcome without a rule', () => {
    const yaml = `${HEAD}steps:
  - { id: t, kind: text, prompt: { vi: T, en: T } }
  - { id: c, kind: confirm, prompt: { vi: C, en: C } }
outcomes:
  - id: o1
    when: [{ step: c, op: eq, value: "yes" }]
    text: { vi: O, en: O }
  - id: o2
    when: [{ step: t, op: eq, value: x }]
    text: { vi: O, en: O }
  - id: o3
    text: { vi: O, en: O }
${DEFAULT}`;
    const messages = problemsOf(yaml).map((p) => p.message);
    expect(messages).toEqual([
      'outcome "o1" > condition 1: "c" is a yes/no question: write op: eq with value: true or value: false',
      'outcome "o2" > condition 1 > step: rules cannot use "t": it is a free-text step; use a choice, confirm or number step',
      'outcome "o3": this outcome has no rule ("when" or "whenAny"); an outcome that always applies belongs under "default"',
    ]);
  });

  test('{{reference}} needs a saving outcome; notify needs save; between needs the smaller number first', () => {
    const yaml = `${HEAD}steps:
  - { id: n, kind: number, prompt: { vi: N, en: N } }
outcomes:
  - id: o
    when: [{ step: n, op: between, value: [9, 1] }]
    notify: true
    text: { vi: "{{reference}}", en: "{{n}}" }
${DEFAULT}`;
    expect(problemsOf(yaml).map((p) => p.message)).toEqual([
      'outcome "o" > condition 1 > value: between needs the smaller number first: [1, 9]',
      'outcome "o" > notify: "notify" sends the stored record to staff, so it needs "save" too',
      'outcome "o" > text > vi: {{reference}} exists only in an outcome that saves a record ("save")',
    ]);
  });

  test('a save with no consent step at all says to add one', () => {
    const yaml = `${HEAD}steps:
  - { id: n, kind: number, prompt: { vi: N, en: N } }
outcomes:
  - id: o
    when: [{ step: n, op: gt, value: 1 }]
    save: lead
    text: { vi: O, en: O }
${DEFAULT}`;
    expect(problemsOf(yaml)[0]?.message).toBe('outcome "o" > save: saving data needs a yes/no step with "consent: true" that asks the user first');
  });

  test('an offer must name exactly one of entry or flow', () => {
    const yaml = `${HEAD}steps:
  - { id: n, kind: number, prompt: { vi: N, en: N } }
outcomes: []
default:
  id: d
  text: { vi: D, en: D }
  offer:
    - { entry: pn.about, flow: contact }
`;
    expect(problemsOf(yaml)).toEqual([
      {
        file: 'f.yaml',
        line: 10,
        column: 7,
        message: 'default > offer 1: an offer names exactly one of "entry" (a knowledge-base id) or "flow" (a dialog id)',
      },
    ]);
  });

  test('a wrong type says what was expected and what was found', () => {
    const yaml = `${HEAD}steps:
  - { id: n, kind: number, min: ten, prompt: { vi: N, en: N } }
outcomes: []
${DEFAULT}`;
    expect(problemsOf(yaml)[0]).toMatchObject({ line: 4, column: 33, message: 'step "n" > min: should be a number, not "ten"' });
  });

  test('a duplicate key is a syntax error at its line', () => {
    const yaml = `${HEAD}title: { vi: X, en: X }
steps: []
`;
    expect(problemsOf(yaml)[0]).toMatchObject({ line: 3, message: expect.stringContaining('this field appears twice') });
  });
});
