/** Outcome rules, next-step logic and prefilled answers, on the shipped flows and small inline ones. */
import fc from 'fast-check';
import { acceptPrefill, chooseOutcome, conditionHolds, nextStep, type Answers, type Condition, type Flow } from '../../src/core/flows';
import { shippedFlows } from './helpers';

async function flow(id: string): Promise<Flow> {
  const f = (await shippedFlows()).byId.get(id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
}

describe('conditionHolds', () => {
  const answers: Answers = { age: 18, region: 'central', consent: true };
  test.each<[Condition, boolean]>([
    [{ step: 'age', op: 'eq', value: 18 }, true],
    [{ step: 'age', op: 'eq', value: '18' }, false],
    [{ step: 'region', op: 'in', value: ['central', 'highlands'] }, true],
    [{ step: 'region', op: 'in', value: ['elsewhere'] }, false],
    [{ step: 'age', op: 'lt', value: 18 }, false],
    [{ step: 'age', op: 'lte', value: 18 }, true],
    [{ step: 'age', op: 'gt', value: 17 }, true],
    [{ step: 'age', op: 'gte', value: 19 }, false],
    [{ step: 'age', op: 'between', value: [17, 23] }, true],
    [{ step: 'age', op: 'between', value: [19, 23] }, false],
    [{ step: 'region', op: 'gt', value: 1 }, false],
    [{ step: 'consent', op: 'eq', value: true }, true],
    [{ step: 'missing', op: 'eq', value: true }, false],
  ])('%j -> %s', (condition, expected) => {
    expect(conditionHolds(condition, answers)).toBe(expected);
  });

  test('property: between [lo, hi] is the same as gte lo and lte hi', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 150 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (age, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const between = conditionHolds({ step: 'age', op: 'between', value: [lo, hi] }, { age });
        const both = conditionHolds({ step: 'age', op: 'gte', value: lo }, { age }) && conditionHolds({ step: 'age', op: 'lte', value: hi }, { age });
        expect(between).toBe(both);
      }),
    );
  });
});

describe('chooseOutcome on pn-eligibility', () => {
  const likely: Answers = { school: 'graduated', age: 19, family: 'cannotPay', region: 'central', it: 'yes' };

  test.each<[string, Partial<Answers>]>([
    ['likely', {}],
    ['likely', { school: 'grade12', region: 'highlands', age: 17 }],
    ['likely', { age: 23 }],
    ['notYet', { school: 'younger' }],
    ['notYet', { school: 'younger', age: 30 }],
    ['ageOutside', { age: 15 }],
    ['ageOutside', { age: 25 }],
    ['ageEdge', { age: 16 }],
    ['ageEdge', { age: 24 }],
    ['ageEdge', { age: 16, school: 'grade12', region: 'elsewhere' }],
    ['familyCanPay', { family: 'canPay' }],
    ['notIT', { it: 'no' }],
    ['maybeRegion', { region: 'elsewhere' }],
    ['maybeFamily', { family: 'struggle' }],
    ['maybe', { it: 'unsure' }],
    ['maybe', { family: 'struggle', it: 'unsure' }],
  ])('%s for %j', async (expected, change) => {
    expect(chooseOutcome(await flow('pn-eligibility'), { ...likely, ...change } as Answers).id).toBe(expected);
  });

  test('property: outcomes are tried in order, so the first matching rule always wins', async () => {
    const f = await flow('pn-eligibility');
    const answers = fc.record({
      school: fc.constantFrom('graduated', 'grade12', 'younger'),
      age: fc.integer({ min: 10, max: 60 }),
      family: fc.constantFrom('cannotPay', 'struggle', 'canPay'),
      region: fc.constantFrom('central', 'highlands', 'elsewhere'),
      it: fc.constantFrom('yes', 'unsure', 'no'),
    });
    fc.assert(
      fc.property(answers, (a) => {
        const chosen = chooseOutcome(f, a).id;
        if (a.school === 'younger') expect(chosen).toBe('notYet');
        else if (a.age < 16 || a.age > 24) expect(chosen).toBe('ageOutside');
        else if (a.family === 'canPay') expect(chosen).toBe('familyCanPay');
        else if (a.it === 'no') expect(chosen).toBe('notIT');
        // Just outside about 17-23 is never "probably not": it is "maybe, ask us".
        else if (a.age === 16 || a.age === 24) expect(chosen).toBe('ageEdge');
        // "likely" only when every published criterion is met.
        expect(chosen === 'likely').toBe(a.family === 'cannotPay' && a.it === 'yes' && a.region !== 'elsewhere' && a.age >= 17 && a.age <= 23 && a.school !== 'younger');
      }),
    );
  });
});

describe('chooseOutcome on japan-readiness', () => {
  test.each<[string, Answers]>([
    ['highSchoolPtit', { level: 'highSchool', japanese: 'none', plan: 'ptit' }],
    ['highSchool', { level: 'highSchool', japanese: 'n5', plan: 'job' }],
    ['student', { level: 'student', field: 'it', japanese: 'n4', plan: 'job' }],
    ['ready', { level: 'university', field: 'it', japanese: 'n2', plan: 'job' }],
    ['ready', { level: 'university', field: 'it', japanese: 'n1', plan: 'exploring' }],
    ['nearlyN3', { level: 'university', field: 'it', japanese: 'n3', plan: 'job' }],
    ['needJapanese', { level: 'university', field: 'it', japanese: 'none', plan: 'learnJapanese' }],
    ['fieldMismatch', { level: 'university', field: 'other', japanese: 'n2', plan: 'job' }],
    ['examRoute', { level: 'college', field: 'it', itExam: true, japanese: 'n3', plan: 'job' }],
    ['examRoute', { level: 'none', itExam: true, japanese: 'n3', plan: 'job' }],
    ['collegeNoExam', { level: 'college', field: 'it', itExam: false, japanese: 'n3', plan: 'job' }],
    ['noDegree', { level: 'none', itExam: false, japanese: 'n2', plan: 'job' }],
  ])('%s for %j', async (expected, answers) => {
    expect(chooseOutcome(await flow('japan-readiness'), answers).id).toBe(expected);
  });
});

describe('nextStep', () => {
  test('asks steps in order and skips those whose "when" does not hold', async () => {
    const f = await flow('japan-readiness');
    expect(nextStep(f, {})?.id).toBe('level');
    expect(nextStep(f, { level: 'highSchool' })?.id).toBe('japanese');
    expect(nextStep(f, { level: 'student' })?.id).toBe('field');
    expect(nextStep(f, { level: 'none' })?.id).toBe('itExam');
    expect(nextStep(f, { level: 'college', field: 'it' })?.id).toBe('itExam');
    expect(nextStep(f, { level: 'university', field: 'it', japanese: 'n2', plan: 'job' })).toBeUndefined();
  });
});

describe('acceptPrefill', () => {
  test('keeps valid known answers, normalised, and drops the rest', async () => {
    const f = await flow('handoff');
    expect(acceptPrefill(f, { contact: '+84 912 345 678', consent: true, other: 1 })).toEqual({ contact: '0912345678', consent: true });
    expect(acceptPrefill(f, { contact: 'not a contact', consent: 'yes' })).toEqual({});
    expect(acceptPrefill(f, undefined)).toEqual({});
  });
});
