/** Recognising answers to choice, yes/no, number and text steps, and in-flow commands. */
import fc from 'fast-check';
import { recogniseCommand } from '../../src/core/conversation/commands';
import { matchChoice, validateAnswer, type Step } from '../../src/core/flows';
import { shippedFlows } from './helpers';

async function step(flowId: string, stepId: string): Promise<Step> {
  const s = (await shippedFlows()).byId.get(flowId)?.steps.find((x) => x.id === stepId);
  if (!s) throw new Error(`no step ${flowId}.${stepId}`);
  return s;
}

describe('choice steps', () => {
  test.each([
    ['Miền Trung', 'central'],
    ['mien trung', 'central'],
    ['MIỀN TRUNG!', 'central'],
    ['Central Vietnam', 'central'],
    ['central', 'central'],
    ['Tây Nguyên', 'highlands'],
    ['tay nguyen', 'highlands'],
    ['2', 'highlands'],
    ['3', 'elsewhere'],
    ['Gia Lai', 'highlands'],
    ['em ở quảng nam ạ', 'central'],
    ['nha em o da nang', 'central'],
  ])('%j is region %s', async (text, id) => {
    expect(matchChoice((await step('pn-eligibility', 'region')) as Extract<Step, { kind: 'choice' }>, text)).toBe(id);
  });

  test.each(['4', '0', 'abc', 'miền trung hoặc tây nguyên', ''])('%j is not a region', async (text) => {
    expect(validateAnswer(await step('pn-eligibility', 'region'), text)).toMatchObject({ ok: false });
  });

  test('an unknown choice gives the unknownChoice reason', async () => {
    expect(validateAnswer(await step('pn-eligibility', 'region'), 'Paris')).toEqual({ ok: false, reason: 'unknownChoice' });
  });

  test('property: every label, in either language, typed with or without accents, picks its own choice', async () => {
    const flows = await shippedFlows();
    const choiceSteps = flows.flows.flatMap((f) => f.steps).filter((s): s is Extract<Step, { kind: 'choice' }> => s.kind === 'choice');
    const pick = fc.constantFrom(...choiceSteps).chain((s) => fc.tuple(fc.constant(s), fc.constantFrom(...s.choices), fc.constantFrom('vi', 'en'), fc.boolean(), fc.boolean()));
    fc.assert(
      fc.property(pick, ([s, choice, lang, fold, upper]) => {
        let text: string = choice.label[lang as 'vi' | 'en'];
        if (fold) text = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
        if (upper) text = text.toUpperCase();
        expect(matchChoice(s, text)).toBe(choice.id);
      }),
    );
  });
});

describe('yes/no steps', () => {
  test.each([
    ['Có', true],
    ['co', true],
    ['đồng ý', true],
    ['Dong y', true],
    ['vâng', true],
    ['Yes', true],
    ['ok', true],
    ['Không', false],
    ['khong', false],
    ['ko', false],
    ['No', false],
    ['không đồng ý', false],
  ])('%j -> %s', async (text, value) => {
    expect(validateAnswer(await step('contact', 'consent'), text)).toEqual({ ok: true, value });
  });

  test('anything else is not a yes or no', async () => {
    expect(validateAnswer(await step('contact', 'consent'), 'để mình nghĩ đã')).toEqual({ ok: false, reason: 'notYesNo' });
  });
});

describe('number steps', () => {
  test.each([
    ['18', 18],
    ['18 tuổi', 18],
    ["I'm 19", 19],
    ['em 17 tuoi a', 17],
  ])('%j -> %d', async (text, value) => {
    expect(validateAnswer(await step('pn-eligibility', 'age'), text)).toEqual({ ok: true, value });
  });

  test.each([
    ['mười tám', { ok: false, reason: 'notANumber' }],
    ['17 hoặc 18', { ok: false, reason: 'notANumber' }],
    ['18.5', { ok: false, reason: 'notWholeNumber' }],
    ['5', { ok: false, reason: 'tooSmall', params: { min: 10 } }],
    ['99', { ok: false, reason: 'tooLarge', params: { max: 60 } }],
  ])('%j is refused', async (text, expected) => {
    expect(validateAnswer(await step('pn-eligibility', 'age'), text)).toEqual(expected);
  });

  test('property: any whole number in range is accepted as itself', async () => {
    const age = await step('pn-eligibility', 'age');
    fc.assert(fc.property(fc.integer({ min: 10, max: 60 }), (n) => expect(validateAnswer(age, `${n}`)).toEqual({ ok: true, value: n })));
  });
});

describe('text steps', () => {
  test('run the named validators and keep the normalised value', async () => {
    expect(validateAnswer(await step('contact', 'contact'), '+84 912.345.678')).toEqual({ ok: true, value: '0912345678' });
    expect(validateAnswer(await step('contact', 'contact'), '12345')).toEqual({ ok: false, reason: 'phone' });
    expect(validateAnswer(await step('contact', 'name'), '   ')).toEqual({ ok: false, reason: 'empty' });
    expect(validateAnswer(await step('contact', 'name'), 'x'.repeat(501))).toEqual({ ok: false, reason: 'tooLong', params: { max: 500 } });
  });
});

describe('commands inside a form (the one command table)', () => {
  test.each([
    ['cancel', { kind: 'cancel' }],
    ['Hủy', { kind: 'cancel' }],
    ['huỷ', { kind: 'cancel' }],
    ['huy', { kind: 'cancel' }],
    ['thôi', { kind: 'cancel' }],
    ['Thoi!', { kind: 'cancel' }],
    ['help', { kind: 'help' }],
    ['giúp', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['English', { kind: 'lang', lang: 'en' }],
    ['english please', { kind: 'lang', lang: 'en' }],
    ['giúp em', { kind: 'help' }],
    ['menu', { kind: 'menu' }],
    ['tiếng Việt', { kind: 'lang', lang: 'vi' }],
    ['tieng viet', { kind: 'lang', lang: 'vi' }],
  ])('%j -> %j', (text, command) => {
    expect(recogniseCommand(text)).toEqual(command);
  });

  test.each(['hủy đăng ký thế nào', 'help me apply to PN', 'học tiếng Việt', 'thời gian tuyển sinh'])('%j is not a command', (text) => {
    expect(recogniseCommand(text)).toBeNull();
  });
});
