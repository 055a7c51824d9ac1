/**
 * The knowledge base's terms, worked out once (knownTermsOf), must be exactly what termOf
 * gives, and a message analysed with them exactly what it is without them: the table only
 * saves work, it never changes a reading.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { analysisOnce, analyzeText, knownTermsOf, termOf, type KnownTerms, type TextAnalysis } from '../../../src/core/language/analyze';
import { loadKnowledge, type LoadedKnowledge } from '../../../src/core/knowledge/loader';
import { readUtterance } from '../../../src/core/language/utterance';

const ROOT = path.join(__dirname, '../../..');
let content: LoadedKnowledge;
let known: KnownTerms;
beforeAll(async () => {
  content = await loadKnowledge(path.join(ROOT, 'knowledge'));
  known = knownTermsOf(
    content.kb.entries.flatMap((entry) => [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en]),
    content.lexicon,
  );
});

const shape = (analysis: TextAnalysis) => ({ units: analysis.units, bigrams: analysis.bigrams, allTerms: analysis.allTerms, tokens: analysis.tokens, typed: analysis.typed, names: [...analysis.names] });

describe("the knowledge base's terms worked out once", () => {
  it('holds the words of every phrasing and of the lexicon, each with termOf of it', () => {
    expect(known.size).toBeGreaterThan(500);
    for (const [token, term] of known) expect(term).toBe(termOf(token));
    // A word of the knowledge base and a reading of a shorthand ("ko" -> "không").
    expect(known.get('học')).toBe(termOf('học'));
    expect(known.has('không')).toBe(true);
  });

  it('reads every development message, and its asking part, exactly as without them', () => {
    const texts = ['dev/dev2.yaml', 'dev5/dev5.yaml'].flatMap((file) => (parse(readFileSync(path.join(ROOT, 'tests/fixtures/eval', file), 'utf8')) as { text: string }[]).map((testCase) => testCase.text));
    for (const text of texts) {
      const utterance = readUtterance(text);
      const withKnown = analysisOnce(content.lexicon, utterance, known);
      const without = analysisOnce(content.lexicon, utterance);
      for (const part of [text, utterance.asking.text]) expect(shape(withKnown(part))).toEqual(shape(without(part)));
    }
  });

  it('reads any text exactly as without them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('học', 'bổng', 'hoc', 'ko', 'dc', 'Certifications', 'applying', 'xyzw', 'Đà', 'nẵng', ' ', ', ', '?'), { maxLength: 20 }), (words) => {
        const text = words.join(' ');
        expect(shape(analysisOnce(content.lexicon, undefined, known)(text))).toEqual(shape(analyzeText(text, content.lexicon)));
      }),
      { numRuns: 200 },
    );
  });
});
