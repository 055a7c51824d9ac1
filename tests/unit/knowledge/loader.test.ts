import { buildKnowledge, KnowledgeLoadError, type SourceFile } from '../../../src/core/knowledge/loader';

const entry = (id: string, extra = '') => `  - id: ${id}
    question: { vi: "Câu hỏi ${id}", en: "Question ${id}" }
    alternates:
      vi: ["cau hoi ${id}"]
      en: ["question about ${id}"]
    answer: { vi: "Trả lời", en: "Answer" }
${extra}`;

const file = (name: string, text: string): SourceFile => ({ name, display: `knowledge/${name}`, text });

function problemsOf(files: SourceFile[]): string[] {
  try {
    buildKnowledge(files);
  } catch (error) {
    if (error instanceof KnowledgeLoadError) return error.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('loading the knowledge base', () => {
  it('loads valid files with defaults and remembers where each entry is', () => {
    const { kb } = buildKnowledge([file('a.yaml', `area: pn\nentries:\n${entry('pn.one')}${entry('pn.two', '    followUps: [pn.one]\n')}`)]);
    expect(kb.entries.map((e) => e.id)).toEqual(['pn.one', 'pn.two']);
    expect(kb.byId.get('pn.two')?.followUps).toEqual(['pn.one']);
    expect(kb.byId.get('pn.two')?.location).toEqual({ file: 'knowledge/a.yaml', line: 9 });
    expect(kb.byId.get('pn.one')?.area).toBe('pn');
  });

  it('reports a YAML syntax error with file, line and column', () => {
    const problems = problemsOf([file('bad.yaml', 'area: pn\nentries:\n  - id: "pn.x\n    question: {')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^knowledge\/bad\.yaml:\d+:\d+: /);
  });

  it('names a missing language in plain words at the right line', () => {
    const text = `area: pn\nentries:\n  - id: pn.x\n    question: { vi: "Câu hỏi" }\n    alternates: { vi: ["a"], en: ["b"] }\n    answer: { vi: "x", en: "y" }\n`;
    expect(problemsOf([file('a.yaml', text)])).toEqual(['knowledge/a.yaml:4:15: "en" is missing']);
  });

  it('reports a misspelt field where it is written', () => {
    const text = `area: pn\nentries:\n${entry('pn.x', '    folowUps: [pn.y]\n')}`;
    expect(problemsOf([file('a.yaml', text)])).toEqual(['knowledge/a.yaml:9:15: unknown field "folowUps" (check the spelling)']);
  });

  it('rejects duplicate ids across files, naming both places', () => {
    const problems = problemsOf([file('a.yaml', `area: pn\nentries:\n${entry('pn.x')}`), file('b.yaml', `area: ms\nentries:\n${entry('pn.x')}`)]);
    expect(problems).toEqual(['knowledge/b.yaml:3:1: the id "pn.x" is used twice (first at knowledge/a.yaml:3); each entry needs its own id']);
  });

  it('rejects follow-ups that point to no entry', () => {
    const problems = problemsOf([file('a.yaml', `area: pn\nentries:\n${entry('pn.x', '    followUps: [pn.missing]\n')}`)]);
    expect(problems).toEqual(['knowledge/a.yaml:3:1: entry "pn.x" has a follow-up "pn.missing" that does not exist']);
  });

  it('rejects a bad date and a bad link in plain words', () => {
    const problems = problemsOf([file('a.yaml', `area: pn\nentries:\n${entry('pn.x', '    validUntil: next year\n    links: [{ title: { vi: a, en: b }, url: "www.example" }]\n')}`)]);
    expect(problems).toEqual([
      expect.stringContaining('must be a full web address'),
      expect.stringContaining('"validUntil" must be a date written like 2026-01-31'),
    ]);
  });

  it('accepts only https links', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://example.org/']) {
      const problems = problemsOf([file('a.yaml', `area: pn\nentries:\n${entry('pn.x', `    links: [{ title: { vi: a, en: b }, url: "${url}" }]\n`)}`)]);
      expect(problems).toEqual([expect.stringContaining('"url" must be a full web address starting with https://')]);
    }
  });

  it('validates the lexicon too', () => {
    const problems = problemsOf([file('a.yaml', `area: pn\nentries:\n${entry('pn.x')}`), file('lexicon.yaml', 'expansions:\n  ko: không\nambiguous:\n  bn: [bạn]\n')]);
    expect(problems).toEqual(['knowledge/lexicon.yaml:4:7: "bn" needs at least 2 item(s)']);
  });

  it("validates the lexicon's reaction words too", () => {
    const problems = problemsOf([file('a.yaml', `area: pn\nentries:\n${entry('pn.x')}`), file('lexicon.yaml', 'reactions:\n  asking: [ủa]\n  surprised: [ô]\n')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^knowledge\/lexicon\.yaml:3:\d+: unknown field "surprised"/);
  });

  it('keeps a short button title and a parent wording of the answer, and limits the short title to 20 characters', () => {
    const extra = '    short: { vi: "Học bổng", en: "Scholarship" }\n';
    const text = `area: pn\nentries:\n  - id: pn.x\n    question: { vi: "Câu hỏi", en: "Question" }\n${extra}    alternates: { vi: ["a"], en: ["b"] }\n    answer: { vi: "Trả lời", en: "Answer", parent: { vi: "Con của anh chị ..." } }\n`;
    const entryX = buildKnowledge([file('a.yaml', text)]).kb.byId.get('pn.x');
    expect(entryX?.short).toEqual({ vi: 'Học bổng', en: 'Scholarship' });
    expect(entryX?.answer.parent).toEqual({ vi: 'Con của anh chị ...' });
    expect(entryX?.answer.vi).toBe('Trả lời');
    const tooLong = text.replace('"Scholarship"', '"What the scholarship covers"');
    expect(problemsOf([file('a.yaml', tooLong)])).toEqual([expect.stringMatching(/^knowledge\/a\.yaml:5:\d+: "en" is too long \(maximum 20\)/)]);
  });
});
