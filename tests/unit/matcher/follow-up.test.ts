/**
 * How a message is recognised as a follow-up, and how the previous question is read with
 * it (query expansion). The decisions on the real knowledge base are in matcher.test.ts.
 * Sentences here are our own.
 */
import { isElliptical, saysItFollows } from '../../../src/core/knowledge/follow-up';
import { LearnedMatcher, type Prediction } from '../../../src/core/knowledge/model/learned-matcher';
import { EMPTY_LEXICON } from '../../../src/core/language/lexicon';

describe('recognising an elliptical follow-up', () => {
  it('takes any short message as one', () => {
    expect(isElliptical('lệ phí bao nhiêu?')).toBe(true);
    expect(isElliptical('and my wife?')).toBe(true);
  });

  it('takes a longer message as one when it continues or points back', () => {
    expect(isElliptical('còn nếu em đã đi làm hai năm rồi mới nộp hồ sơ thì sao ạ')).toBe(true);
    expect(isElliptical('what about students who already finished a university degree somewhere else last year?')).toBe(true);
    expect(isElliptical('ngoài học phí ra thì bên đó có hỗ trợ thêm tiền ăn ở không ạ')).toBe(true);
    expect(isElliptical('do they also pay for the bus ticket home at the end of the year?')).toBe(true);
  });

  it('does not take a longer message that names its own topic as one', () => {
    expect(isElliptical('Học bổng của PN có bao gồm tiền ăn ở và máy tính không ạ')).toBe(false);
    expect(isElliptical('How many times a year can I sit the Japanese language proficiency test?')).toBe(false);
  });

  it('knows an opener or a pointing word from the same word inside a sentence', () => {
    expect(saysItFollows('còn ở Lào thì sao?')).toBe(true);
    expect(saysItFollows('how about online?')).toBe(true);
    expect(saysItFollows('bên đó có ký túc xá không?')).toBe(true);
    // "so" and "còn" count only near the start: here they are ordinary words.
    expect(saysItFollows('em học lập trình thấy khó quá nên em còn lo lắm')).toBe(false);
    expect(saysItFollows('is the exam hard so far for most students')).toBe(false);
  });
});

describe('query expansion', () => {
  const matcher = LearnedMatcher.create(
    ['visa.kinds', 'visa.renewal', 'exam.cost'],
    [
      { text: 'which visa do engineers need', lang: 'en', label: 'visa.kinds', main: true },
      { text: 'engineer visa requirements', lang: 'en', label: 'visa.kinds' },
      { text: 'how long does the engineer visa last', lang: 'en', label: 'visa.renewal', main: true },
      { text: 'renew the visa after years', lang: 'en', label: 'visa.renewal' },
      { text: 'how much does the exam cost', lang: 'en', label: 'exam.cost', main: true },
      { text: 'exam fee price', lang: 'en', label: 'exam.cost' },
    ],
    EMPTY_LEXICON,
  );
  const probability = (prediction: Prediction, id: string) => prediction.ranked.find((entry) => entry.id === id)?.probability ?? 0;

  it('moves a message towards the entries that share the previous question’s words', () => {
    const alone = matcher.predict('how long?');
    const expanded = matcher.predict('how long?', { prior: () => 1, expansion: { text: 'which visa do engineers need', weight: 1, source: 'visa.kinds' } });
    expect(probability(expanded, 'visa.renewal') / probability(expanded, 'exam.cost')).toBeGreaterThan(probability(alone, 'visa.renewal') / probability(alone, 'exam.cost'));
  });

  it('gives the entry the previous question came from no more than its closest neighbour', () => {
    const alone = matcher.predict('how long?');
    const expanded = matcher.predict('how long?', { prior: () => 1, expansion: { text: 'which visa do engineers need', weight: 1, source: 'visa.kinds' } });
    const ratio = (prediction: Prediction) => probability(prediction, 'visa.kinds') / probability(prediction, 'visa.renewal');
    expect(ratio(expanded)).toBeLessThanOrEqual(ratio(alone) * (1 + 1e-9));
  });
});
