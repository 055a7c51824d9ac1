/** Telling a parent from how they write (language/audience.ts). Sentences are our own. */
import { asksForSomeoneElse, audienceOf } from '../../../src/core/language/audience';

describe('audienceOf', () => {
  it.each([
    'Con tôi năm nay học lớp 12, muốn hỏi về học bổng',
    'con trai toi 17 tuoi co dang ky duoc khong',
    'Tôi là phụ huynh, xin hỏi học phí thế nào',
    'Cháu nhà tôi thi trượt đại học, có vào PN được không?',
    'My daughter wants to study IT, is PN free?',
    "I'm a parent, how do I contact PN?",
    'thang be nha toi thich may tinh, hoc o PN co ton tien khong',
    'Vợ chồng tôi làm ruộng, cháu nó muốn học lập trình',
    'My grandchild wants to apply, is there a form?',
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

describe('asksForSomeoneElse', () => {
  it.each(['con toi hoc lop 12 co dang ky duoc khong', 'Em họ tôi muốn thi chứng chỉ Microsoft', 'my cousin wants to apply', 'Cháu nhà tôi muốn đi Nhật'])('reads "%s" as asked for someone else', (text) => {
    expect(asksForSomeoneElse(text)).toBe(true);
  });

  it.each(['Em năm nay 18 tuổi, có được nộp hồ sơ không?', 'how do I apply to PN?'])('reads "%s" as asked for oneself', (text) => {
    expect(asksForSomeoneElse(text)).toBe(false);
  });
});
