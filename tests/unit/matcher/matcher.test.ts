/**
 * The learned matcher on the real knowledge base: long messages, off-topic examples staff
 * add, context for follow-ups, and the development set's floor. Sentences here are our own.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { buildKnowledge, loadKnowledge } from '../../../src/core/knowledge/loader';
import { KnowledgeAnswerer, loadAnswerer } from '../../../src/core/knowledge/load-answerer';
import { evalCasesSchema, evaluate } from '../../../src/core/knowledge/evaluate';
import { answererDecider } from '../../../src/cli/eval';

const KNOWLEDGE = path.join(__dirname, '../../../knowledge');
let answerer: KnowledgeAnswerer;
beforeAll(async () => {
  answerer = await loadAnswerer({ knowledgeDir: KNOWLEDGE });
});

describe('long messages', () => {
  it('answers the question after a student tells their story', () => {
    const decision = answerer.decide(
      'Em chào anh chị, em là con út trong nhà có năm anh chị em ở Hà Tĩnh, bố em mất năm ngoái, mẹ bán rau ngoài chợ. Em rất thích máy tính. Cho em hỏi là học bổng của PN có lo cả chỗ ở và tiền ăn không ạ?',
    );
    expect({ kind: decision.kind, id: decision.entry?.id }).toEqual({ kind: 'answer', id: 'pn.scholarship' });
    // The question read is what follows "cho em hỏi là" (withoutAskingPhrase).
    expect(decision.asked?.startsWith('học bổng')).toBe(true);
  });

  it('answers a long run-on message typed without punctuation or accents', () => {
    const decision = answerer.decide(
      'chao anh chi em la hoc sinh lop 12 o mot xa mien nui nha em co bon anh chi em bo me lam nuong thu nhap bap benh em rat thich may tinh tu nho nhung truong em khong co phong may em muon hoi hoc bong cua pn co bao gom tien an o ky tuc xa khong hay gia dinh phai tu lo',
    );
    expect({ kind: decision.kind, id: decision.entry?.id }).toEqual({ kind: 'answer', id: 'pn.scholarship' });
  });

  it('answers a parent or a relative asking for someone else', () => {
    expect(answerer.decide('Con trai tôi năm nay 18 tuổi, cháu rất thích lập trình. Xin hỏi học ở PN thì mất mấy năm mới ra trường ạ?').entry?.id).toBe('pn.programme');
    expect(answerer.decide('my cousin wants to apply, how many years is the pn course').entry?.id).toBe('pn.programme');
  });

  it('does not count who a question is asked for as words the knowledge base never uses', () => {
    expect(answerer.index.unknownWords('my nephew and my niece and her grandson').words).toEqual([]);
    expect(answerer.index.unknownWords('cháu ngoại với em họ của dượng').words).toEqual([]);
  });

  it('answers a long story when the learned model, the fused ranking and plain MiniSearch all put one entry first', () => {
    // Offered only ("did you mean") by the fused confidence alone: the story thins it out.
    const decision = answerer.decide('my cousin and i studied together for weeks, she passed but i failed the ai-900 by a few points, my mum says dont give up, when am i allowed to take it again');
    expect({ kind: decision.kind, id: decision.entry?.id }).toEqual({ kind: 'answer', id: 'ms.retake' });
  });

  it('offers, rather than refuses, what every ranking puts first in a long message whose story thins out its confidence', () => {
    // Refused on the fused numbers alone: the story lowers inScope, while the learned model, BM25 over
    // the asking part and over the whole message, and plain MiniSearch all name the contact entry.
    const decision = answerer.decide(
      'hi so my dad is kinda old school and thinks online stuff is all scams, he says he will only believe it if he can call a real person, can u send me ur phone number and the address of the office so he can come by and check',
    );
    expect(decision.kind).not.toBe('fallback');
    expect(decision.candidates[0]?.id).toBe('pn.contact');
  });

  it('answers casual English shorthand', () => {
    expect(answerer.decide('does pn give u a laptop or do u gotta buy ur own').entry?.id).toBe('pn.scholarship');
  });

  it("answers a parent's formal message", () => {
    const decision = answerer.decide('Con trai tôi năm nay học lớp 12 ở Quảng Bình, nhà tôi làm nông. Xin hỏi chương trình học ở PN kéo dài mấy năm?');
    expect(decision.entry?.id).toBe('pn.programme');
  });
});

describe("a worried parent's register", () => {
  it('does not count how parents name the child, themselves and their worry as words the knowledge base never uses', () => {
    expect(answerer.index.unknownWords('thằng cu nhà tôi, cháu nó, vợ chồng tôi lo lắng lắm ạ, giúp tôi với').words).toEqual([]);
    expect(answerer.index.unknownWords('thang cu nha toi, chau no, vo chong toi lo lang lam a, giup toi voi').words).toEqual([]);
    expect(answerer.index.unknownWords('my grandpa is worried and nervous, please').words).toEqual([]);
    // A parent's politeness is filler (knowledge/lexicon.yaml): it reads as the same question without it.
    const plain = answerer.decide('anh chị, học bổng của PN gồm những gì, chỉ tôi');
    const polite = answerer.decide('thưa anh chị, vâng, học bổng của PN gồm những gì, chỉ giùm tôi nhá');
    expect(polite.candidates.map((candidate) => candidate.id)).toEqual(plain.candidates.map((candidate) => candidate.id));
    expect(polite.confidence).toBeCloseTo(plain.confidence, 6);
    expect(answerer.index.unknownWords('thưa anh chị, vâng, chỉ giùm tôi nhá').words).toEqual([]);
  });

  it('offers, rather than refuses, what the learned model and BM25 both put first for a parent', () => {
    const decision = answerer.decide('Thằng bé nhà tôi ở tận Kon Tum, đi Đà Nẵng xa quá. Ở đó cháu nó ăn ở thế nào, có ai trông không?');
    expect(decision.kind).not.toBe('fallback');
    expect(decision.candidates[0]?.id).toBe('pn.student-life');
  });

  it('offers what both word-count rankings put first for a parent, when the learned model reads "help me" as asking for help', () => {
    const decision = answerer.decide('My son wants to sit your entrance test next month. Could you help me understand what is on it? I want to help him prepare.');
    expect(decision.kind).toBe('suggest');
    expect(decision.candidates[0]?.id).toBe('pn.written-test');
  });

  it("still refuses a parent's near miss", () => {
    for (const text of [
      'Con gái tôi muốn thi IELTS, lệ phí thi bao nhiêu ạ?',
      'thang be nha toi muon di du hoc han quoc, visa can nhung gi a',
      'Con trai tôi muốn học ngành dược ở Huế, học phí một năm khoảng bao nhiêu ạ?',
      // A driving licence is an exam of entities.yaml we do not answer for: not Microsoft's exam fee.
      'chau no muon thi bang lai xe may, le phi bao nhieu a',
    ]) {
      expect(answerer.decide(text).kind).toBe('fallback');
    }
  });
});

describe('off-topic examples', () => {
  it('refuses near misses about other certifications and software', () => {
    for (const text of ['Chứng chỉ AWS Cloud Practitioner có hết hạn không', 'excel bị lỗi công thức sửa sao']) expect(answerer.decide(text).kind).toBe('fallback');
  });

  it('refuses a long near miss that says it is not about us', () => {
    const decision = answerer.decide('Em làm lập trình ở Đà Nẵng được ba năm rồi. Có anh họ rủ sang Hàn Quốc làm việc. Visa kỹ sư bên Hàn xin thế nào ạ, em không định đi Nhật.');
    expect(decision.kind).not.toBe('answer');
    // Not even offered: a "did you mean" would show up to three candidates.
    if (decision.kind === 'suggest') expect(decision.candidates.slice(0, 3).map((candidate) => candidate.id)).not.toContain('jp.visa');
  });

  it('refuses a question that names only an exam, vendor or school we do not answer for', () => {
    // Its words are PN's timeline's ("registration", "close", "this year"), but no entry is about the TOEFL.
    expect(answerer.decide('when does registration for the TOEFL close this year').kind).toBe('fallback');
    // Named beside something of ours, it is part of our question.
    expect(answerer.decide('con toi co ielts 6.0 thi co duoc uu tien khi xet tuyen vao pn khong a').kind).not.toBe('fallback');
  });

  it('answers a question of ours that names another exam or a language as something the student has, needs or took', () => {
    for (const [text, id] of [
      ['mình có bằng IELTS 7.0 rồi thì bài thi đầu vào có phải làm phần tiếng anh không', 'pn.written-test'],
      ['I already have a TOEFL score of 90, do I still need to take the entrance test?', 'pn.written-test'],
      ['em từng trượt TOEIC, có đăng ký được không ạ', 'pn.eligibility'],
      // A language is not its exam.
      ['cháu nhà tôi biết tiếng Trung, cháu có nộp hồ sơ được không', 'pn.eligibility'],
      ['Con tôi đang học tiếng Hàn, cháu có đăng ký học được không ạ?', 'pn.eligibility'],
      ['có cần IELTS để nộp hồ sơ không', 'pn.how-to-apply'],
    ]) {
      const decision = answerer.decide(text);
      expect({ text, kind: decision.kind, entry: decision.entry?.id }).toEqual({ text, kind: 'answer', entry: id });
    }
    // The other thing is what is asked about: still refused.
    for (const text of ['when does TOEFL registration close', 'học phí FPT Polytechnic bao nhiêu']) expect({ text, kind: answerer.decide(text).kind }).toEqual({ text, kind: 'fallback' });
  });

  it('refuses near misses that open with "không biết" or "not sure if"', () => {
    for (const text of [
      'Em muốn hỏi là không biết AWS chứng chỉ có phải gia hạn hằng năm không',
      'Cha em đi Hàn Quốc làm kỹ sư thì xin visa gì ạ',
      'not sure if Korea has an engineer visa like that?',
    ]) expect(answerer.decide(text).kind).not.toBe('answer');
  });

  // A Korean engineer visa shares every word but one with Japan's: knowledge/entities.yaml says jp.visa is about Japan.
  it('does not answer a question about another country’s engineer visa', () => {
    expect(answerer.decide('đi làm kỹ sư phần mềm ở Hàn Quốc thì cần visa gì').kind).not.toBe('answer');
  });

  it('learns from knowledge/offtopic.yaml: an example staff add stops being answered', async () => {
    const dir = path.join(__dirname, '../../fixtures/records/knowledge');
    const names = ['pn.yaml'];
    const files = await Promise.all(names.map(async (name) => ({ name, display: name, text: await readFile(path.join(dir, name), 'utf8') })));
    const question = 'Đại học Bách khoa có học bổng cho sinh viên nghèo không';
    const without = new KnowledgeAnswerer(buildKnowledge(files));
    const offTopic = Array.from({ length: 6 }, (_, i) => `  - "Đại học Bách khoa có học bổng ${['cho sinh viên nghèo', 'toàn phần', 'khuyến khích', 'cho tân sinh viên', 'năm nay', 'ngành cơ khí'][i]} không"`);
    const withExamples = new KnowledgeAnswerer(buildKnowledge([...files, { name: 'offtopic.yaml', display: 'offtopic.yaml', text: `vi:\n${offTopic.join('\n')}\nen: []\n` }]));
    const before = without.decide(question).candidates[0]?.confidence ?? 0;
    const after = withExamples.decide(question).candidates[0]?.confidence ?? 0;
    expect(after).toBeLessThan(before);
  });

  it('rejects a malformed offtopic.yaml with file:line', () => {
    expect(() => buildKnowledge([{ name: 'offtopic.yaml', display: 'knowledge/offtopic.yaml', text: 'vi:\n  - ok\nfr: [bonjour]\n' }, { name: 'pn.yaml', display: 'pn.yaml', text: 'area: pn\nentries: []\n' }])).toThrow(
      /knowledge\/offtopic\.yaml:3/,
    );
  });
});

describe('follow-ups in context', () => {
  it('reads a short follow-up in the light of the previous answer', () => {
    const alone = answerer.decide('what about my wife?');
    const inContext = answerer.decide('what about my wife?', { previousEntryId: 'jp.visa' });
    expect(alone.kind).not.toBe('answer');
    expect(inContext.candidates[0]?.id).toBe('jp.family-residence');
    expect(inContext.candidates[0].confidence).toBeGreaterThan(alone.candidates.find((c) => c.id === 'jp.family-residence')?.confidence ?? 0);
    expect(inContext.kind).not.toBe('fallback');
  });

  it('stays on the last answer when a follow-up names another exam as something the student has', () => {
    const context = { previousEntryId: 'pn.written-test', previousQuestion: 'What is on the PN written test?' };
    for (const text of ['i have a toeic certificate, does that count?', 'em có chứng chỉ TOEIC thì sao ạ']) {
      const decision = answerer.decide(text, context);
      expect({ text, entry: decision.entry?.id, thread: decision.thread?.kind }).toEqual({ text, entry: 'pn.written-test', thread: 'reaction' });
    }
    // Asked about the other exam itself: "we do not answer about IELTS".
    expect(answerer.decide('còn thi IELTS thì ôn sao cho nhanh', context).thread).toMatchObject({ kind: 'not-ours', named: 'ielts' });
  });

  it('still follows a clear change of topic', () => {
    const decision = answerer.decide('Thi chứng chỉ Microsoft online tại nhà được không?', { previousEntryId: 'pn.scholarship' });
    expect(decision.entry?.id).toBe('ms.online-exam');
  });

  it('reads "còn X thì sao?" as a question about X within the previous area', () => {
    expect(answerer.decide('còn vợ con thì sao?').entry?.id).not.toBe('jp.family-residence');
    expect(answerer.decide('còn vợ con thì sao?', { previousEntryId: 'jp.visa' }).entry?.id).toBe('jp.family-residence');
  });

  it('answers the same short question by what was asked before', () => {
    expect(answerer.decide('bao nhiêu tiền vậy?', { previousEntryId: 'ms.online-exam' }).entry?.id).toBe('ms.exam-cost');
  });

  // BM25 reads the message without the conversation and votes for the exam's cost: in a follow-up its
  // vote counts only within the previous topic (follow-up.ts, votesInContext).
  it('answers "how much?" after the scholarship by the scholarship', () => {
    expect(answerer.decide('bao nhiêu tiền vậy?', { previousEntryId: 'pn.scholarship' }).entry?.id).toBe('pn.scholarship');
  });

  it('goes on to a neighbouring entry rather than repeating the previous one', () => {
    expect(answerer.decide('how long is it valid?', { previousEntryId: 'ms.which-first' }).entry?.id).toBe('ms.expiry-renewal');
  });

  it('is not pulled to the previous area by a new question its own words answer', () => {
    // "exam" alone reads as a Microsoft exam; after a PN answer the area prior alone would make it PN's entrance test.
    expect(answerer.decide('how much does the exam cost?').entry?.id).toBe('ms.exam-cost');
    expect(answerer.decide('how much does the exam cost?', { previousEntryId: 'pn.scholarship' }).entry?.id).toBe('ms.exam-cost');
  });
});

// The development cases, which are tuned on; a blind set that gated a test would no longer be blind.
describe('the development set (dev2)', () => {
  it('stays above its measured floor', async () => {
    const cases = evalCasesSchema.parse(parse(await readFile(path.join(__dirname, '../../fixtures/eval/dev/dev2.yaml'), 'utf8')));
    const { overall } = evaluate(cases, answererDecider(answerer));
    // Measured 89.4% / 93.2% / 1.2% / 91.3% when this was written: a drop of a few points fails.
    expect(overall.answeredCorrect).toBeGreaterThanOrEqual(0.86);
    expect(overall.reachable).toBeGreaterThanOrEqual(0.9);
    expect(overall.wrongAnswer).toBeLessThanOrEqual(0.025);
    expect(overall.outOfScopeFallback).toBeGreaterThanOrEqual(0.88);
  });
});

it('loads the shipped knowledge folder with its off-topic examples', async () => {
  const loaded = await loadKnowledge(KNOWLEDGE);
  expect(loaded.offTopic.vi.length).toBeGreaterThan(20);
  expect(loaded.offTopic.en.length).toBeGreaterThan(20);
});

describe('two questions in one message', () => {
  it('answers one and names the entry for the other, to offer as a button', () => {
    const decision = answerer.decide('How long is the programme? And where do students live?');
    expect(decision.kind).toBe('answer');
    expect(new Set([decision.entry?.id, decision.alsoAsked])).toEqual(new Set(['pn.programme', 'pn.student-life']));
  });

  it('offers nothing more for a single question', () => {
    expect(answerer.decide('Học bổng PN gồm những gì?').alsoAsked).toBeUndefined();
  });
});
