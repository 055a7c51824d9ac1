/**
 * Fitting the fusion (knowledge/fit-fusion.ts): the logistic fit finds the direction of a
 * feature that separates the labels, and the thresholds chosen keep wrong answers and
 * off-topic questions within their targets.
 */
import { chooseThresholds, fitLogistic } from '../../../src/core/knowledge/fit-fusion';
import { DEFAULT_THRESHOLDS } from '../../../src/core/knowledge/decide';
import type { Candidate } from '../../../src/core/knowledge/types';

describe('fitLogistic', () => {
  it('gives a separating feature a weight of its sign and ignores a useless one', () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const signal = (i % 10) / 10;
      return { features: [1, signal, Math.floor(i / 10) % 2], label: signal + ((i * 7) % 5) / 20 > 0.6 ? 1 : 0 };
    });
    const [, signal, noise] = fitLogistic(rows);
    expect(signal).toBeGreaterThan(2);
    expect(Math.abs(noise)).toBeLessThan(0.3);
  });

  it('is the same on every run (no randomness)', () => {
    const rows = [0, 1, 2, 3, 4, 5].map((i) => ({ features: [1, i], label: i > 2 ? 1 : 0 }));
    expect(fitLogistic(rows)).toEqual(fitLogistic(rows));
  });
});

describe('chooseThresholds', () => {
  const candidate = (id: string, confidence: number): Candidate => ({ id, confidence, score: confidence });
  // Right answers are sure, wrong ones middling, off-topic ones in between with a high inScope.
  const scored = [
    ...Array.from({ length: 90 }, () => ({ expect: 'a', candidates: [candidate('a', 0.9)], inScope: 0.95 })),
    ...Array.from({ length: 10 }, () => ({ expect: 'a', candidates: [candidate('b', 0.6)], inScope: 0.9 })),
    ...Array.from({ length: 20 }, () => ({ expect: null, candidates: [candidate('c', 0.5)], inScope: 0.7 })),
  ];

  it('answers the sure ones, not the wrong ones, and refuses off-topic questions', () => {
    const chosen = chooseThresholds(scored, DEFAULT_THRESHOLDS, { maxWrong: 0.012, minOffTopicRefused: 0.93 });
    expect(chosen.answer).toBeGreaterThan(0.6);
    expect(chosen.answer).toBeLessThanOrEqual(0.9);
    expect(chosen.suggest).toBeGreaterThan(0.7);
    expect(chosen.suggest).toBeLessThanOrEqual(0.9);
  });

  it('keeps the current thresholds when no pair meets the targets', () => {
    const current = { ...DEFAULT_THRESHOLDS, answer: 0.42, suggest: 0.43 };
    expect(chooseThresholds(scored, current, { maxWrong: 0, minOffTopicRefused: 1.01 })).toEqual(current);
  });

  it('holds the per-set targets on each set: one set of off-topic questions offered is not hidden by another set', () => {
    // Set "long": its off-topic questions read in scope (0.8) where set "short"'s read 0.5.
    const sets = [
      ...scored.map((question) => ({ ...question, set: 'short' })),
      ...Array.from({ length: 20 }, () => ({ expect: null, candidates: [candidate('c', 0.5)], inScope: 0.8, set: 'long' })),
      ...Array.from({ length: 200 }, () => ({ expect: null, candidates: [candidate('c', 0.5)], inScope: 0.5, set: 'short' })),
    ];
    const targets = { maxWrong: 0.012, minOffTopicRefused: 0.9 };
    expect(chooseThresholds(sets, DEFAULT_THRESHOLDS, targets).suggest).toBeLessThanOrEqual(0.8);
    expect(chooseThresholds(sets, DEFAULT_THRESHOLDS, { ...targets, perSet: { maxWrong: 0.025, minOffTopicRefused: 0.9 } }).suggest).toBeGreaterThan(0.8);
  });
});
