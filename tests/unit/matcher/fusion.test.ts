/**
 * The fused confidence (knowledge/fusion.ts): both rankings count, and words the
 * knowledge base never uses make a message less likely to be one of its questions.
 */
import { fusedCandidates, inScopeProbability, type FusionInput } from '../../../src/core/knowledge/fusion';

const prediction = {
  ranked: [
    { id: 'a', probability: 0.5 },
    { id: 'b', probability: 0.3 },
    { id: 'c', probability: 0.1 },
  ],
  none: 0.1,
  asking: 'x',
  understood: true,
};
const input = (over: Partial<FusionInput>): FusionInput => ({ prediction, novelty: 0, wholeNovelty: 0, votes: { asked: undefined, whole: undefined }, words: 8, ...over });

describe('fused candidates', () => {
  it('ranks by the learned model when BM25 says nothing', () => {
    expect(fusedCandidates(input({})).map((candidate) => candidate.id)).toEqual(['a', 'b', 'c']);
  });

  it('lets BM25 lift the entry it puts first, over the whole message more than over the asking part', () => {
    const alone = fusedCandidates(input({})).find((candidate) => candidate.id === 'b')?.confidence ?? 0;
    const asked = fusedCandidates(input({ votes: { asked: 'b', whole: undefined } })).find((candidate) => candidate.id === 'b')?.confidence ?? 0;
    const both = fusedCandidates(input({ votes: { asked: 'b', whole: 'b' } }));
    expect(asked).toBeGreaterThan(alone);
    expect(both[0].id).toBe('b');
    expect(both[0].confidence).toBeGreaterThan(asked);
  });

  it('is less sure, and the message less in scope, the more of it the knowledge base never mentions', () => {
    const known = input({});
    const novel = input({ novelty: 0.6, wholeNovelty: 0.6 });
    expect(fusedCandidates(novel)[0].confidence).toBeLessThan(fusedCandidates(known)[0].confidence);
    expect(inScopeProbability(novel, fusedCandidates(novel))).toBeLessThan(inScopeProbability(known, fusedCandidates(known)));
  });

  it('offers nothing for a message with no known word', () => {
    const unknown = input({ prediction: { ...prediction, understood: false } });
    expect(fusedCandidates(unknown)).toEqual([]);
    expect(inScopeProbability(unknown, [])).toBe(0);
  });
});
