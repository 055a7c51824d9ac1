/**
 * The inbox's rules, with a stand-in answerer (the decisions are the test's to choose):
 * what comes in, how it is grouped, what drops out once the live content answers it,
 * dismissals, and the batch change an action makes.
 */
import type { Answerer, Decision, KnowledgeEntry } from '../../../src/core/knowledge/types';
import type { StoredRecord } from '../../../src/core/records';
import { dismiss, NO_DISMISSALS } from '../../../src/core/staff/dismissals';
import { buildInbox, questionsAnsweredWith } from '../../../src/core/staff/inbox';
import { changeFor } from '../../../src/core/staff/inbox-actions';
import { readUtterance } from '../../../src/core/language/utterance';

const entry = (id: string) => ({ id, area: id.split('.')[0] }) as KnowledgeEntry;

/** Decides from a table: text -> [kind, top id, top confidence, runner-up confidence]. */
function answerer(table: Record<string, [Decision['kind'], string, number, number]>): Answerer {
  return {
    entry: (id) => entry(id),
    read: (text) => readUtterance(text),
    decide(message) {
      const [kind, id, top, second] = table[typeof message === 'string' ? message : message.text] ?? ['fallback', 'pn.about', 0.2, 0.1];
      return {
        kind,
        ...(kind === 'answer' ? { entry: entry(id) } : {}),
        confidence: top,
        candidates: [
          { id, confidence: top, score: top },
          { id: 'pn.other', confidence: second, score: second },
        ],
        detectedLang: 'en',
      };
    },
  };
}

const termsOf = (text: string) => new Map(text.toLowerCase().split(/\W+/).filter((word) => word.length > 2).map((word) => [word, 1]));
let n = 0;
const record = (kind: StoredRecord['kind'], data: Record<string, unknown>): StoredRecord => ({ id: String((n += 1)), kind, at: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(), ...data });
const question = (text: string, decision: string, entryId: string | null = null, margin = 0.8) => record('question', { text, lang: 'en', decision, entryId, confidence: 0.5, margin, runnerUp: 'pn.other' });

const PARK = 'where can I park my motorbike';
const PARK2 = 'where do I park the motorbike';
const SALARY = 'what salary will I get in Japan';
const RETAKE = 'can I retake the PN test';

const records = [
  question(PARK, 'fallback'),
  question(PARK, 'fallback'),
  question(PARK2, 'suggest'),
  question(SALARY, 'answer', 'jp.labour-shortage', 0.1),
  question('Who can apply to PN?', 'answer', 'pn.eligibility', 0.9),
];
const feedback = [record('feedback', { entryId: 'ms.retake', vote: 'down', lang: 'en', question: RETAKE, userId: 'u1' }), record('feedback', { entryId: 'pn.about', vote: 'up', lang: 'en', question: 'hello' })];

const stillUnsure = answerer({
  [SALARY]: ['answer', 'jp.labour-shortage', 0.55, 0.5],
  [RETAKE]: ['answer', 'ms.retake', 0.9, 0.1],
  'Who can apply to PN?': ['answer', 'pn.eligibility', 0.95, 0.05],
});

describe('inbox', () => {
  it('gathers unanswered, "did you mean", thin margins and 👎, grouped by similarity with counts', () => {
    const groups = buildInbox({ questions: records, feedback, answerer: stillUnsure, dismissals: NO_DISMISSALS, termsOf });
    const texts = groups.map((group) => group.questions.map((q) => q.text));
    expect(texts).toContainEqual(expect.arrayContaining([PARK, PARK2]));
    const park = groups.find((group) => group.questions.some((q) => q.text === PARK));
    expect(park?.size).toBe(3);
    expect(park?.nearest[0].id).toBe('pn.about');
    const all = groups.flatMap((group) => group.questions);
    expect(all.find((q) => q.text === SALARY)).toMatchObject({ reasons: ['thinMargin'], answeredWith: 'jp.labour-shortage' });
    expect(all.find((q) => q.text === RETAKE)).toMatchObject({ reasons: ['downvote'], answeredWith: 'ms.retake' });
    // A clear answer and a 👍 are not the inbox's business.
    expect(all.map((q) => q.text)).not.toContain('Who can apply to PN?');
    expect(all.map((q) => q.text)).not.toContain('hello');
  });

  it('decides each question again: what the live content now answers clearly drops out', () => {
    const fixed = answerer({
      [PARK]: ['answer', 'pn.campus', 0.9, 0.1],
      [PARK2]: ['answer', 'pn.campus', 0.9, 0.1],
      [SALARY]: ['answer', 'jp.salary', 0.9, 0.1],
      // Still answered with the entry voted down: stays.
      [RETAKE]: ['answer', 'ms.retake', 0.9, 0.1],
    });
    const groups = buildInbox({ questions: records, feedback, answerer: fixed, dismissals: NO_DISMISSALS, termsOf });
    expect(groups.flatMap((group) => group.questions.map((q) => q.text))).toEqual([RETAKE]);
    const moved = answerer({ [RETAKE]: ['answer', 'pn.written-test', 0.9, 0.1] });
    const after = buildInbox({ questions: [], feedback, answerer: moved, dismissals: NO_DISMISSALS, termsOf });
    expect(after).toEqual([]);
  });

  it('leaves out dismissed questions, whatever their case or spacing', () => {
    const dismissed = dismiss(NO_DISMISSALS, ['Where can I  park my MOTORBIKE'], 'token', new Date());
    const groups = buildInbox({ questions: records, feedback, answerer: stillUnsure, dismissals: dismissed, termsOf });
    const texts = groups.flatMap((group) => group.questions.map((q) => q.text));
    expect(texts).not.toContain(PARK);
    expect(texts).toContain(PARK2);
  });

  it('lists the questions answered with an entry, least certain first', () => {
    const log = [question('salary in Tokyo', 'answer', 'jp.labour-shortage', 0.6), question(SALARY, 'answer', 'jp.labour-shortage', 0.1), question('other', 'answer', 'pn.about')];
    const answered = questionsAnsweredWith('jp.labour-shortage', log, stillUnsure);
    expect(answered.map((q) => q.text)).toEqual([SALARY, 'salary in Tokyo']);
    expect(answered[0]).toMatchObject({ runnerUp: 'pn.other', margin: 0.1 });
  });
});

describe('batch actions', () => {
  it('one change carries every question chosen, each once', () => {
    const change = changeFor({
      kind: 'alternate',
      entryId: 'pn.campus',
      questions: [
        { text: PARK, lang: 'en' },
        { text: PARK2, lang: 'en' },
        { text: PARK, lang: 'en' },
      ],
    });
    expect(change.edits).toEqual([
      { kind: 'addAlternate', entryId: 'pn.campus', lang: 'en', text: PARK },
      { kind: 'addAlternate', entryId: 'pn.campus', lang: 'en', text: PARK2 },
    ]);
    expect(changeFor({ kind: 'offTopic', questions: [{ text: 'what is the weather', lang: 'en' }] }).edits).toEqual([{ kind: 'addOffTopic', lang: 'en', text: 'what is the weather' }]);
  });
});
