import { calibrate } from '../../../src/core/knowledge/cross-validate';

const current = { answer: 0.5, suggest: 0.3, suggestWindow: 0.35 };
// Unless a case says otherwise, the message is as likely in scope as its top candidate is right.
const decisions = (count: number, make: (i: number) => { expect: string | null; top: string; confidence: number; inScope?: number }) =>
  Array.from({ length: count }, (_, i) => {
    const made = make(i);
    return { ...made, inScope: made.inScope ?? made.confidence };
  });

describe('calibrate', () => {
  it('picks the lowest answer threshold whose answers are right 97% of the time, and the suggest one that refuses 90% of off-topic', () => {
    const right = decisions(100, (i) => ({ expect: 'a', top: 'a', confidence: 0.4 + (i % 60) / 100 }));
    // Wrong answers all below 0.6: above it every answer is right.
    const wrong = decisions(30, (i) => ({ expect: 'a', top: 'b', confidence: 0.3 + (i % 30) / 100 }));
    const offTopic = decisions(20, (i) => ({ expect: null, top: 'a', confidence: i < 18 ? 0.1 : 0.45 }));
    const chosen = calibrate([...right, ...wrong, ...offTopic], current);
    expect(chosen.answer).toBeGreaterThan(0.45);
    expect(chosen.answer).toBeLessThanOrEqual(0.6);
    // 18 of 20 off-topic under 0.11: suggest 0.11 refuses 90%.
    expect(chosen.suggest).toBe(0.11);
    expect(chosen.suggestWindow).toBe(current.suggestWindow);
  });

  it('is not thrown off by one confidently wrong answer at the top', () => {
    const right = decisions(200, (i) => ({ expect: 'a', top: 'a', confidence: 0.5 + (i % 50) / 100 }));
    const chosen = calibrate([...right, { expect: 'a', top: 'b', confidence: 0.99, inScope: 0.99 }, ...decisions(10, () => ({ expect: null, top: 'a', confidence: 0.1 }))], current);
    // Off-topic questions at 0.1 are the only other wrong answers: just above them, 200 of 201 are right.
    expect(chosen.answer).toBe(0.11);
  });

  it('chooses the suggest threshold on how likely a message is in scope, not on its top candidate', () => {
    const right = decisions(100, (i) => ({ expect: 'a', top: 'a', confidence: 0.5 + (i % 50) / 100 }));
    // Off-topic messages whose top candidate looks fairly sure, but which read as out of scope.
    const offTopic = decisions(20, () => ({ expect: null, top: 'a', confidence: 0.3, inScope: 0.2 }));
    expect(calibrate([...right, ...offTopic], current).suggest).toBe(0.21);
  });

  it('refuses to choose from too little data instead of writing nonsense', () => {
    expect(() => calibrate([], current)).toThrow(/at least 20/);
    expect(() => calibrate(decisions(50, () => ({ expect: 'a', top: 'a', confidence: 0.9 })), current)).toThrow(/off-topic/);
  });
});
