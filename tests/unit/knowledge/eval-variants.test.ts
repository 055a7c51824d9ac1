/**
 * The harder copies of an evaluation set (`npm run eval -- --variant`): a message typed as
 * one run-on block, without accents, after more back-story.
 */
import { variantOf } from '../../../src/core/knowledge/evaluate';

describe('variantOf', () => {
  const text = 'Em chào anh chị. Nhà em ở Huế, bố mẹ làm nông! Cho em hỏi: học bổng có lo chỗ ở không ạ?';

  it('runon: lower case, without sentence or clause punctuation, one block', () => {
    expect(variantOf(text, 'runon')).toBe('em chào anh chị nhà em ở huế bố mẹ làm nông cho em hỏi học bổng có lo chỗ ở không ạ');
  });

  it('runon-fold: the same without accents', () => {
    expect(variantOf(text, 'runon-fold')).toBe('em chao anh chi nha em o hue bo me lam nong cho em hoi hoc bong co lo cho o khong a');
  });

  it('runon-story: more back-story first, in the message’s language, the same for the same message', () => {
    const told = variantOf('How long is the programme?', 'runon-story', 'en');
    expect(told.endsWith('how long is the programme')).toBe(true);
    expect(told.split(' ').length).toBeGreaterThan(15);
    expect(told).not.toMatch(/[A-Z.?]/);
    expect(variantOf('How long is the programme?', 'runon-story', 'en')).toBe(told);
  });
});
