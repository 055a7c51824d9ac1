/** Telling a parent from how they write (language/audience.ts). Sentences are our own. */
import { audienceOf } from '../../../src/core/language/audience';

describe('audienceOf', () => {
  it.each([
    'Con tôi năm nay học lớp 12, muốn hỏi về học bổng',
    'con trai toi 17 tuoi co dang ky duoc khong',
    'Tôi là phụ huynh, xin hỏi học phí thế nào',
    'Cháu nhà tôi thi trượt đại học, có vào PN được không?',
    'My daughter wants to study IT, is PN free?',
    "I'm a parent, how do I contact PN?",
  ])('reads "%s" as a parent', (text) => {
    expect(audienceOf(text)).toBe('parent');
  });

  it.each([
    'Em năm nay 18 tuổi, có được nộp hồ sơ không?',
    'còn tôi thì sao, tôi 20 tuổi rồi',
    'phụ huynh em có cần đi cùng khi phỏng vấn không',
    'my parents want to know if PN is free',
  ])('reads "%s" as a student', (text) => {
    expect(audienceOf(text)).toBeUndefined();
  });
});
