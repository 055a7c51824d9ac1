/** The PN Vietnam self-check as a user goes through it (botbuilder-testing DialogTestClient). */
import type { Decision, KnowledgeEntry } from '../../src/core/knowledge/types';
import { FlowChat, makeDeps, offeredValues, outcomeSays, play, shippedFlows, visible, type TestDeps } from './helpers';

/** Answers in Vietnamese, in the order the flow asks: school, age, family, region, IT. */
const LIKELY = ['Đã tốt nghiệp', '19', 'Không thể chi trả', 'Miền Trung', 'Có'];

async function finish(answers: string[], deps?: TestDeps): Promise<{ chat: FlowChat; last: string[]; lastActivity: Parameters<typeof visible>[0] }> {
  const chat = new FlowChat('pn-eligibility', deps ?? (await makeDeps()));
  await chat.read('bắt đầu');
  let replies = await chat.say(answers[0] as string);
  for (const a of answers.slice(1)) replies = await chat.say(a);
  const lastActivity = replies[replies.length - 1] ?? {};
  return { chat, last: replies.map(visible), lastActivity };
}

test('starts with the intro and the first question, with its choices as buttons', async () => {
  const chat = new FlowChat('pn-eligibility', await makeDeps());
  const replies = await chat.read('xin chào');
  expect(replies[0]).toContain('Đây chỉ là tự kiểm tra, không phải đơn đăng ký');
  expect(replies[1]).toBe('Bạn đã tốt nghiệp THPT (lớp 12) chưa?\n[Đã tốt nghiệp]\n[Đang học lớp 12]\n[Đang học lớp 10/11]');
});

describe('every outcome explains why and offers next steps', () => {
  test('likely eligible: the reasons, contact and the two entries', async () => {
    const { chat, last, lastActivity } = await finish(LIKELY);
    expect(last).toHaveLength(1);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'likely', 'vi'));
    expect(offeredValues(lastActivity)).toEqual([
      { action: 'flow', flow: 'contact' },
      { action: 'entry', id: 'pn.how-to-apply' },
      { action: 'entry', id: 'pn.eligibility' },
    ]);
    expect(last[0]).toContain('[Để lại thông tin liên hệ]');
    expect(chat.status).toBe('complete');
  });

  test('not yet: grade 10/11', async () => {
    const { last } = await finish(['Đang học lớp 10/11', '16', 'Không thể chi trả', 'Miền Trung', 'Có']);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'notYet', 'vi'));
  });

  test.each([
    ['15', 'Đã tốt nghiệp'],
    ['30', 'Đã tốt nghiệp'],
  ])('age %s, far from about 17-23, is probably not eligible, with the contact form offered', async (age, school) => {
    const { last, lastActivity } = await finish([school, age, 'Không thể chi trả', 'Miền Trung', 'Có']);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'ageOutside', 'vi', { age }));
    expect(offeredValues(lastActivity)).toContainEqual({ action: 'flow', flow: 'contact' });
  });

  test.each([
    ['16', 'Đang học lớp 12'],
    ['24', 'Đã tốt nghiệp'],
  ])('age %s, at the edge of about 17-23, is "maybe, ask us", never "probably not"', async (age, school) => {
    const { last, lastActivity } = await finish([school, age, 'Không thể chi trả', 'Miền Trung', 'Có']);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'ageEdge', 'vi', { age }));
    expect(last[0]).not.toContain(await outcomeSays('pn-eligibility', 'ageOutside', 'vi', { age }));
    expect(offeredValues(lastActivity)).toContainEqual({ action: 'flow', flow: 'contact' });
  });

  test('family can pay', async () => {
    const { last } = await finish(['Đã tốt nghiệp', '19', 'Có thể chi trả', 'Miền Trung', 'Có']);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'familyCanPay', 'vi'));
  });

  test('no interest in IT', async () => {
    const { last } = await finish(['Đã tốt nghiệp', '19', 'Không thể chi trả', 'Miền Trung', 'Không']);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'notIT', 'vi'));
  });

  test('maybe: lives elsewhere', async () => {
    const { last } = await finish(['Đã tốt nghiệp', '19', 'Không thể chi trả', 'Vùng khác', 'Có']);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'maybeRegion', 'vi'));
  });

  test('maybe: the family struggles but could pay', async () => {
    const { last } = await finish(['Đã tốt nghiệp', '19', 'Rất vất vả mới lo được', 'Tây Nguyên', 'Có']);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'maybeFamily', 'vi'));
  });

  test('maybe (default): unsure about IT', async () => {
    const { last } = await finish(['Đang học lớp 12', '18', 'Không thể chi trả', 'Miền Trung', 'Chưa chắc']);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'maybe', 'vi'));
  });

  test('in English, with answers typed without accents and by number', async () => {
    const deps = await makeDeps({}, 'en');
    const { last } = await finish(['1', '20 years old', 'no we cannot', 'central', 'yes'], deps);
    expect(last[0]).toContain(await outcomeSays('pn-eligibility', 'likely', 'en'));
    expect(last[0]).toContain('[Leave your contact details]');
  });
});

test('a wrong age is asked again with the reason, in the user\'s language', async () => {
  const chat = new FlowChat('pn-eligibility', await makeDeps());
  await play(chat, ['hi', 'Đã tốt nghiệp']);
  expect(await chat.read('mười tám')).toEqual(['Bạn hãy trả lời bằng một con số.\n\nBạn bao nhiêu tuổi?']);
  expect(await chat.read('5')).toEqual(['Số phải từ 10 trở lên.\n\nBạn bao nhiêu tuổi?']);
  // After repeated refusals the re-prompt also says how to stop.
  expect(await chat.read('100')).toEqual(['Số phải không quá 60. Gõ "hủy" nếu bạn muốn dừng.\n\nBạn bao nhiêu tuổi?']);
  expect((await chat.read('18'))[0]).toContain('Gia đình bạn có thể chi trả');
});

test('an unknown choice is re-asked with the choices again', async () => {
  const chat = new FlowChat('pn-eligibility', await makeDeps());
  await chat.read('hi');
  expect(await chat.read('Paris')).toEqual([
    'Bạn hãy chọn một trong các lựa chọn (hoặc gõ số thứ tự của lựa chọn).\n\nBạn đã tốt nghiệp THPT (lớp 12) chưa?\n[Đã tốt nghiệp]\n[Đang học lớp 12]\n[Đang học lớp 10/11]',
  ]);
});

test('"hủy" ends the flow with a message and no outcome', async () => {
  const chat = new FlowChat('pn-eligibility', await makeDeps());
  await play(chat, ['hi', 'Đã tốt nghiệp']);
  const replies = await chat.read('hủy');
  expect(replies).toEqual(['Được rồi, mình đã dừng. Không có thông tin nào trong phần này được lưu. Bạn cứ hỏi mình điều khác nhé.']);
  expect(chat.status).toBe('complete');
});

test('"English" mid-flow switches language: the next prompt comes in English', async () => {
  const deps = await makeDeps();
  const chat = new FlowChat('pn-eligibility', deps);
  await play(chat, ['hi', 'Đã tốt nghiệp']);
  expect(await chat.read('English')).toEqual(["OK, let's continue in English.", 'How old are you?']);
  expect(deps.lang).toBe('en');
  expect(await chat.read('19')).toEqual(['Could your family pay for you to study at university or college?\n[No, we cannot]\n[Only with great difficulty]\n[Yes, we can]']);
  // And back: "tieng viet" without accents.
  expect((await chat.read('tieng viet'))[0]).toBe('Được, mình tiếp tục bằng tiếng Việt nhé.');
});

test('"giúp" explains the current step and asks it again', async () => {
  const chat = new FlowChat('pn-eligibility', await makeDeps());
  await play(chat, ['hi', 'Đã tốt nghiệp', '19']);
  const replies = await chat.read('giúp');
  const familyHelp = (await shippedFlows()).byId.get('pn-eligibility')?.steps.find((step) => step.id === 'family')?.help?.vi;
  expect(familyHelp).toBeDefined();
  expect(replies[0]).toContain(familyHelp);
  expect(replies[0]).toContain('Gõ "hủy" để dừng');
  expect(replies[1]).toContain('Gia đình bạn có thể chi trả');
});

describe('a knowledge-base question asked mid-flow', () => {
  const entry = {
    id: 'pn.scholarship',
    answer: { vi: 'Học bổng toàn phần: bạn không phải trả học phí.', en: 'A full scholarship: you pay nothing.' },
    question: { vi: 'Học bổng gồm gì?', en: 'What does the scholarship cover?' },
  } as KnowledgeEntry;
  const decide = (confidence: number) => (text: string): Decision => ({
    kind: text.includes('học bổng') ? 'answer' : 'fallback',
    entry: text.includes('học bổng') ? entry : undefined,
    confidence: text.includes('học bổng') ? confidence : 0.1,
    candidates: [],
    detectedLang: 'vi',
  });

  test('is answered when the match is confident, then the step is asked again', async () => {
    const chat = new FlowChat('pn-eligibility', await makeDeps({ answerer: { decide: decide(0.9) } }));
    await play(chat, ['hi', 'Đã tốt nghiệp']);
    expect(await chat.read('học bổng gồm những gì')).toEqual(['Học bổng toàn phần: bạn không phải trả học phí.', 'Bạn bao nhiêu tuổi?']);
    expect((await chat.read('18'))[0]).toContain('Gia đình bạn');
  });

  test('is not answered below 0.8 confidence: the step explains what it needs instead', async () => {
    const chat = new FlowChat('pn-eligibility', await makeDeps({ answerer: { decide: decide(0.7) } }));
    await play(chat, ['hi', 'Đã tốt nghiệp']);
    expect(await chat.read('học bổng gồm những gì')).toEqual(['Bạn hãy trả lời bằng một con số.\n\nBạn bao nhiêu tuổi?']);
  });

  test('is not taken for a question when it is a valid answer', async () => {
    const calls: string[] = [];
    const chat = new FlowChat('pn-eligibility', await makeDeps({ answerer: { decide: (t) => (calls.push(t), decide(0.99)(t)) } }));
    await play(chat, ['hi', 'Đã tốt nghiệp']);
    expect((await chat.read('18 (học bổng)'))[0]).toContain('Gia đình bạn');
    expect(calls).toEqual([]);
  });
});
