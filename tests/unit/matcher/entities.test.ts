/**
 * Entities (knowledge/entities.yaml): a question naming another country, vendor, school or
 * exam than the one an entry is about is not answered from that entry. Sentences are our own.
 */
import path from 'node:path';
import { buildKnowledge } from '../../../src/core/knowledge/loader';
import { Entities, entitiesFileSchema } from '../../../src/core/knowledge/entities';
import { KnowledgeAnswerer, loadAnswerer } from '../../../src/core/knowledge/load-answerer';

const KNOWLEDGE = path.join(__dirname, '../../../knowledge');

const FILE = entitiesFileSchema.parse({
  country: [
    { id: 'japan', names: ['nhat ban', 'nhật', 'japan'], entries: ['jp.*'] },
    { id: 'korea', names: ['han quoc', 'korea'] },
  ],
  exam: [
    { id: 'jlpt', names: ['jlpt'], entries: ['jp.jlpt-dates'] },
    { id: 'topik', names: ['topik'] },
  ],
});
const ENTRIES = [
  { id: 'jp.visa', area: 'jp' },
  { id: 'jp.jlpt-dates', area: 'jp' },
  { id: 'pn.about', area: 'pn' },
];

describe('Entities', () => {
  const entities = new Entities(FILE, ENTRIES);

  it('finds names with or without accents, and accented names only as typed', () => {
    expect(entities.mentions('xin visa Hàn Quốc')).toEqual(new Map([['country', new Set(['korea'])]]));
    expect(entities.mentions('xin visa han quoc')).toEqual(new Map([['country', new Set(['korea'])]]));
    expect(entities.mentions('đi nhật')).toEqual(new Map([['country', new Set(['japan'])]]));
    // "nhật" is written with accents in the file: "nhat" (also "nhặt") is not Japan.
    expect(entities.mentions('di nhat')).toEqual(new Map());
  });

  it('says when a message names only things we do not answer for', () => {
    expect(entities.namesOnlyOthers(entities.mentions('when is the topik exam'))).toBe(true);
    expect(entities.namesOnlyOthers(entities.mentions('visa Korea'))).toBe(true);
    // Something of ours named beside it: the message may compare, or ask about ours.
    expect(entities.namesOnlyOthers(entities.mentions('topik or jlpt, which is harder'))).toBe(false);
    expect(entities.namesOnlyOthers(entities.mentions('how long is the course'))).toBe(false);
  });

  it('tells a thing the message asks about from one the student has, needs or took', () => {
    const asks = (text: string) => entities.asksAboutOthers(entities.mentions(text), text);
    expect(asks('when is the topik exam')).toBe(true);
    expect(asks('lệ phí thi TOPIK bao nhiêu')).toBe(true);
    expect(asks('em có chứng chỉ TOPIK rồi, có cần học thêm không')).toBe(false);
    expect(asks('I have a TOPIK certificate, can I apply?')).toBe(false);
    expect(asks('em thi rớt topik thì sao')).toBe(false);
    // Nothing but ours named: not asked about another.
    expect(asks('jlpt khi nào thi')).toBe(false);
  });

  it('contradicts an entry about another one of the same kind, and only then', () => {
    expect(entities.contradicts('jp.visa', entities.mentions('visa Korea'))).toBe(true);
    expect(entities.contradicts('jp.visa', entities.mentions('bạn em đi Hàn Quốc rồi, còn đi Nhật Bản thì visa sao'))).toBe(false);
    expect(entities.contradicts('jp.jlpt-dates', entities.mentions('TOPIK thi tháng mấy'))).toBe(true);
    // Entries not listed for a kind are not limited by it.
    expect(entities.contradicts('pn.about', entities.mentions('PN có ở Korea không'))).toBe(false);
  });

  it('does not take a thing the message says it is not about for what it asks about', () => {
    expect(entities.contradicts('jp.visa', entities.mentions('muốn sang Hàn Quốc làm IT thì xin visa gì, em không tính đi Nhật đâu'))).toBe(true);
    expect(entities.contradicts('jp.visa', entities.mentions("what visa do I need for Korea? I'm not interested in Japan"))).toBe(true);
    // Named, not denied: both countries count.
    expect(entities.contradicts('jp.visa', entities.mentions('đi Hàn Quốc hay đi Nhật thì visa dễ hơn'))).toBe(false);
  });

  it('keeps a name that follows "không biết" or "not sure if": that is how a question about it opens', () => {
    expect(entities.contradicts('jp.visa', entities.mentions('Em muốn hỏi là không biết Hàn Quốc có visa kỹ sư không'))).toBe(true);
    expect(entities.contradicts('jp.visa', entities.mentions('not sure if Korea has an engineer visa like that?'))).toBe(true);
    expect(entities.contradicts('jp.visa', entities.mentions('ko biết bên han quoc có visa kỹ sư không ạ'))).toBe(true);
    expect(entities.contradicts('jp.jlpt-dates', entities.mentions('Không biết TOPIK thi vào tháng mấy ạ?'))).toBe(true);
    // "cha" is a father here, not a denial.
    expect(entities.contradicts('jp.visa', entities.mentions('Cha em đi Hàn Quốc làm kỹ sư thì xin visa gì ạ'))).toBe(true);
  });

  it('is reported by kb:check with file and line when a pattern names no entry', () => {
    const text = 'country:\n  - id: japan\n    names: [japan]\n    entries: [jp.nothing]\n';
    expect(() =>
      buildKnowledge([
        { name: 'entities.yaml', display: 'knowledge/entities.yaml', text },
        { name: 'jp.yaml', display: 'jp.yaml', text: 'area: jp\nentries: []\n' },
      ]),
    ).toThrow(/knowledge\/entities\.yaml:4:.*jp\.nothing.*matches no entry/);
  });
});

describe('the shipped knowledge base', () => {
  let answerer: KnowledgeAnswerer;
  beforeAll(async () => {
    answerer = await loadAnswerer({ knowledgeDir: KNOWLEDGE });
  });

  it.each([
    ['another country', 'em muốn sang Hàn Quốc làm lập trình viên thì cần loại visa nào'],
    ['another vendor', 'my AWS cert runs out next month, how do I renew it'],
    ['another exam', 'kỳ thi TOPIK năm nay tổ chức mấy đợt vậy ạ'],
    ['another school', 'ký túc xá Đại học Duy Tân giá bao nhiêu một tháng'],
    ['another exam, named only before the question', 'I want to study in America next year. When can I sit the SAT here?'],
    ['another organisation, named in the story', 'Cháu nhà tôi từng nhận học bổng World Vision. Lên lớp 10 cháu có xin lại được không ạ?'],
    ['another vendor, named before the question', 'My nephew failed his Cisco CCNA last week. Can he take it again soon?'],
  ])('does not answer a near miss about %s as ours', (_, text) => {
    expect(answerer.decide(text).kind).not.toBe('answer');
  });

  it('still answers our own, named or not', () => {
    expect(answerer.decide('kỹ sư IT sang Nhật làm việc cần visa gì').entry?.id).toBe('jp.visa');
    expect(answerer.decide('chứng chỉ Microsoft có hết hạn không').entry?.id).toBe('ms.expiry-renewal');
  });

  it('reads a short name that is also a word only with the words around it ("the SAT", not "sát")', () => {
    expect(answerer.content.entities.mentions('when is the SAT held').get('exam')).toEqual(new Set(['sat']));
    expect(answerer.content.entities.mentions('ngay sat ngay thi')).toEqual(new Map());
  });
});
