/**
 * What a follow-up does with the previous answer (knowledge/thread.ts): a reaction, "what
 * about X", a pronoun; and how it is rewritten in the thread. Decisions on the real
 * knowledge base are in matcher.test.ts and tests/conversations/follow-ups.yaml.
 * Sentences here are our own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Entities, entitiesFileSchema } from '../../../src/core/knowledge/entities';
import { readInThread, threadMove as moveWith } from '../../../src/core/knowledge/thread';
import type { KnowledgeEntry, Lang } from '../../../src/core/knowledge/types';
import { compileLexicon, lexiconSchema } from '../../../src/core/language/lexicon';
import { parseYaml } from '../../../src/core/yaml/yaml-source';

// The words reactions are made of and the fillers are the staff-editable lexicon's.
const lexiconFile = path.join(__dirname, '../../../knowledge/lexicon.yaml');
const parsed = parseYaml(lexiconFile, readFileSync(lexiconFile, 'utf8'), lexiconSchema);
if (!parsed.ok) throw new Error('knowledge/lexicon.yaml does not validate');
const vocabulary = compileLexicon(parsed.parsed.value).thread;
const threadMove = (text: string, lang: Lang) => moveWith(text, lang, vocabulary);

const entries = [
  { id: 'uni.admission', area: 'uni' },
  { id: 'uni.fees', area: 'uni' },
  { id: 'abroad.branches', area: 'abroad' },
  { id: 'abroad.north', area: 'abroad' },
  { id: 'abroad.south', area: 'abroad' },
];
const entities = new Entities(
  entitiesFileSchema.parse({
    country: [{ id: 'laos', names: ['lao', 'laos'], entries: ['abroad.branches'] }, { id: 'korea', names: ['han quoc', 'korea'] }],
    organisation: [{ id: 'hue-uni', names: ['dai hoc hue', 'hue university'], entries: ['uni.admission', 'uni.fees'] }],
    place: [
      { id: 'hokkaido', names: ['hokkaido'], entries: ['abroad.north'] },
      { id: 'kyushu', names: ['kyushu'], entries: ['abroad.south'] },
      { id: 'osaka', names: ['osaka'] },
    ],
  }),
  entries,
);

function entry(id: string, vi: string, en: string): KnowledgeEntry {
  return { id, area: id.split('.')[0], question: { vi, en }, answer: { vi: 'Trả lời.', en: 'Answer.' }, alternates: { vi: [], en: [] }, followUps: [], links: [] } as unknown as KnowledgeEntry;
}

describe('the move a follow-up makes', () => {
  it('reads a reaction, alone or with a few words of its own', () => {
    expect(threadMove('sao vậy ạ?', 'vi')).toEqual({ kind: 'reaction', pure: true });
    expect(threadMove('thiệt hả?', 'vi')).toEqual({ kind: 'reaction', pure: true });
    expect(threadMove('Why? how come', 'en')).toEqual({ kind: 'reaction', pure: true });
    expect(threadMove('tai sao lai phai doi lau the', 'vi')).toEqual({ kind: 'reaction', pure: false, rest: 'lai phai doi lau' });
    expect(threadMove('really? that sounds expensive', 'en')).toEqual({ kind: 'reaction', pure: false, rest: 'that sounds expensive' });
  });

  it('reads the bare prompts to go on, "only that?" and the surprised openers ("ủa", "wait") as reactions', () => {
    for (const [text, lang] of [['and?', 'en'], ['huh?', 'en'], ['so what?', 'en'], ['wait, really?', 'en'], ['thế thôi à', 'vi'], ['chỉ vậy thôi à?', 'vi'], ['ủa thật hả', 'vi']] as const) {
      expect(threadMove(text, lang)).toEqual({ kind: 'reaction', pure: true });
    }
    expect(threadMove('wait, is the written test hard?', 'en').kind).not.toBe('reaction');
  });

  it('does not take a question of its own that opens with "sao" for a reaction', () => {
    expect(threadMove('sao em đăng nhập vào trang nộp hồ sơ mãi mà không được vậy ạ', 'vi').kind).not.toBe('reaction');
  });

  it('reads a short message of surprise and particles with one word asking about the answer as a reaction, with at most two words of its own', () => {
    for (const [text, lang] of [['ủa vậy hả', 'vi'], ['ủa thiệt luôn hả?', 'vi'], ['uầy nhiều vậy luôn hả ad', 'vi'], ['oh no, why', 'en'], ['seriously?? that long?', 'en']] as const) {
      expect(threadMove(text, lang)).toEqual({ kind: 'reaction', pure: true });
    }
    expect(threadMove('ơ 700 là sao ạ', 'vi')).toEqual({ kind: 'reaction', pure: false, rest: '700' });
    // A question word of its own, "không" after anything but "thật"/"phải", no asking word, or three words of its own: not a reaction.
    for (const [text, lang] of [['ủa học phí bao nhiêu', 'vi'], ['ủa có khó không', 'vi'], ['wow nhiều vậy luôn', 'vi'], ['hả, ký túc xá ở đâu', 'vi'], ['wait, can i apply twice?', 'en'], ['hả học phí ký túc xá', 'vi']] as const) {
      expect(threadMove(text, lang).kind).not.toBe('reaction');
    }
    expect(threadMove('ủa thật không', 'vi')).toEqual({ kind: 'reaction', pure: true });
  });

  it('finds X in "còn X thì sao", "X thì sao" and "what about X"', () => {
    expect(threadMove('thế còn ở Lào thì sao ạ?', 'vi')).toEqual({ kind: 'what-about', subject: 'lào' });
    expect(threadMove('Đại học Huế thì sao', 'vi')).toEqual({ kind: 'what-about', subject: 'đại học huế' });
    expect(threadMove('ok what about Laos?', 'en')).toEqual({ kind: 'what-about', subject: 'laos' });
  });

  it('reads "... thật hả" and a reaction made only of particles as reactions', () => {
    expect(threadMove('vậy là không phải đóng tiền thật hả', 'vi')).toEqual({ kind: 'reaction', pure: false, rest: 'vậy là không phải đóng tiền' });
    expect(threadMove('vậy hả', 'vi')).toEqual({ kind: 'reaction', pure: true });
    expect(threadMove('ok and then??', 'en')).toEqual({ kind: 'reaction', pure: true });
    expect(threadMove('ad giải thích rõ hơn đi ạ', 'vi')).toEqual({ kind: 'reaction', pure: true });
    expect(threadMove('cái vừa nói là sao?', 'vi')).toEqual({ kind: 'reaction', pure: true });
    expect(threadMove('ok tell me more pls', 'en')).toEqual({ kind: 'reaction', pure: true });
    expect(threadMove('vậy hả, em tưởng khác', 'vi')).toEqual({ kind: 'reaction', pure: false, rest: 'em tưởng khác' });
    expect(threadMove('what about that', 'en').kind).not.toBe('reaction');
  });

  it('finds "the other prefecture" and "tỉnh kia"', () => {
    expect(threadMove('and the other prefecture?', 'en')).toEqual({ kind: 'other', at: 1, length: 3, thing: 'place' });
    expect(threadMove('thế còn tỉnh kia?', 'vi')).toMatchObject({ kind: 'other', thing: 'place' });
  });

  it('takes the first clause for "còn X thì sao, ..." and keeps the rest', () => {
    expect(threadMove('còn mảng mạng thì sao, em thích mạng', 'vi')).toEqual({ kind: 'what-about', subject: 'mảng mạng', rest: 'em thích mạng' });
  });

  it('leaves a "còn ..." that asks a question of its own to be read as written', () => {
    expect(threadMove('còn học phí mỗi kỳ là bao nhiêu?', 'vi').kind).not.toBe('what-about');
  });

  it('finds a pointing word, but not "IT" in Vietnamese nor "is there"', () => {
    expect(threadMove('học ở đó mấy năm?', 'vi')).toMatchObject({ kind: 'pronoun', at: 2 });
    expect(threadMove('how do I apply there?', 'en')).toMatchObject({ kind: 'pronoun', word: 'there' });
    expect(threadMove('em muốn làm IT lương cao', 'vi').kind).toBe('none');
    expect(threadMove('is there a bus?', 'en').kind).toBe('none');
  });
});

describe('the follow-up rewritten in the thread', () => {
  const admission = entry('uni.admission', 'Đại học Huế xét tuyển thế nào?', 'How does Hue University admit students?');

  it('asks the previous question about X, a thing we know, in place of its own', () => {
    const branches = entry('abroad.branches', 'Học ở Việt Nam bao lâu?', 'How long is the course in Vietnam?');
    expect(readInThread(threadMove('còn Lào thì sao?', 'vi'), 'còn Lào thì sao?', branches, 'vi', entities, vocabulary, 'Học ở Đại học Huế bao lâu?')).toEqual({ text: 'học ở đại học huế bao lâu lào', preferred: true });
  });

  it('refuses X when it is only something we do not answer for', () => {
    const reading = readInThread(threadMove('còn Hàn Quốc thì sao?', 'vi'), 'còn Hàn Quốc thì sao?', admission, 'vi', entities, vocabulary);
    expect(reading.notOurs).toMatchObject({ entity: 'korea' });
  });

  it('adds X that names nothing to the previous question, and says what X was', () => {
    expect(readInThread(threadMove('còn vợ con thì sao', 'vi'), 'còn vợ con thì sao', admission, 'vi', entities, vocabulary)).toEqual({ text: 'đại học huế xét tuyển thế nào vợ con', subject: 'vợ con' });
  });

  it('puts the body the previous question named in place of "bên đó"', () => {
    const move = threadMove('bên đó có ký túc xá không?', 'vi');
    expect(readInThread(move, 'bên đó có ký túc xá không?', admission, 'vi', entities, vocabulary, 'Đại học Huế có ngành CNTT không?').text).toBe('bên đại học huế có ký túc xá không');
  });

  it('puts a different thing in place of each pointing word', () => {
    const north = entry('abroad.north', 'Đại học Huế có hợp tác với Hokkaido không?', 'Does Hue University work with Hokkaido?');
    expect(readInThread(threadMove('what do they do there?', 'en'), 'what do they do there?', north, 'en', entities, vocabulary).text).toBe('what do hue university do hokkaido');
  });

  it('reads "the other prefecture" as the one other place we answer for', () => {
    const north = entry('abroad.north', 'Đại học Huế có hợp tác với Hokkaido không?', 'Does Hue University work with Hokkaido?');
    expect(readInThread(threadMove('and the other prefecture?', 'en'), 'and the other prefecture?', north, 'en', entities, vocabulary)).toEqual({ text: 'and kyushu', preferred: true });
  });

  it('refuses a place we do not answer for, and reads X that says more than a thing as its own question first', () => {
    const north = entry('abroad.north', 'Hokkaido có gì?', 'What is in Hokkaido?');
    expect(readInThread(threadMove('còn Osaka thì sao', 'vi'), 'còn Osaka thì sao', north, 'vi', entities, vocabulary).notOurs).toMatchObject({ kind: 'place', entity: 'osaka' });
    expect(readInThread(threadMove('còn Kyushu thì sao', 'vi'), 'còn Kyushu thì sao', north, 'vi', entities, vocabulary)).toEqual({ text: 'kyushu có gì', preferred: true });
    expect(readInThread(threadMove('còn mùa đông ở Kyushu thì sao', 'vi'), 'còn mùa đông ở Kyushu thì sao', north, 'vi', entities, vocabulary)).toMatchObject({ preferred: false });
  });

  it('leaves a pronoun alone when nothing specific was named', () => {
    const fees = entry('uni.fees', 'Học phí một năm bao nhiêu?', 'What are the yearly fees?');
    expect(readInThread(threadMove('nó có tăng không?', 'vi'), 'nó có tăng không?', fees, 'vi', entities, vocabulary)).toEqual({});
  });
});
