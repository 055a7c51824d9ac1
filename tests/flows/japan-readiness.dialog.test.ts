/** "Am I ready for an IT job in Japan?": each outcome points to the right knowledge-base topics. */
import { FlowChat, makeDeps, offeredValues, outcomeSays, visible } from './helpers';

async function outcome(answers: string[], lang: 'vi' | 'en' = 'en'): Promise<{ text: string; entries: unknown[]; asked: string[] }> {
  const chat = new FlowChat('japan-readiness', await makeDeps({}, lang));
  const asked: string[] = [];
  let replies = await chat.say('start');
  for (const a of answers) {
    asked.push(visible(replies[replies.length - 1] ?? {}).split('\n')[0] as string);
    replies = await chat.say(a);
  }
  expect(chat.status).toBe('complete');
  const last = replies[replies.length - 1] ?? {};
  return { text: visible(last), entries: offeredValues(last).map((v) => (v as { id?: string }).id), asked };
}

test('a high-school student heading for PTIT gets the programme, Japanese level and JLPT dates', async () => {
  const { text, entries, asked } = await outcome(['High-school student', 'None yet', 'PTIT Vietnam–Japan IT']);
  // High-school students are not asked their field or an IT exam.
  expect(asked).toEqual(['Where are you in your studies?', 'What is your Japanese level (JLPT)?', 'What do you plan to do next?']);
  expect(text).toContain(await outcomeSays('japan-readiness', 'highSchoolPtit', 'en'));
  expect(entries).toEqual(['jp.ptit-programme', 'jp.japanese-level', 'jp.jlpt-dates']);
});

test('a high-school student with other plans also hears about the visa', async () => {
  const { text, entries } = await outcome(['High-school student', 'N5', 'Just exploring']);
  expect(text).toContain(await outcomeSays('japan-readiness', 'highSchool', 'en'));
  expect(entries).toEqual(['jp.ptit-programme', 'jp.japanese-level', 'jp.jlpt-dates', 'jp.visa']);
});

test('a university student: Japanese, JLPT, hiring (a year before graduation) and visa', async () => {
  const { text, entries } = await outcome(['University student', 'IT', 'N4', 'IT job in Japan']);
  expect(text).toContain('about a year before graduation');
  expect(entries).toEqual(['jp.japanese-level', 'jp.jlpt-dates', 'jp.hiring-process', 'jp.visa']);
});

test('an IT graduate with N2 is nearly ready: hiring process and visa', async () => {
  const { text, entries } = await outcome(['University degree', 'IT', 'N2', 'IT job in Japan']);
  expect(text).toContain('**You are nearly ready.**');
  expect(entries).toEqual(['jp.hiring-process', 'jp.visa']);
});

test('an IT graduate with N3 hears that N3 is the practical minimum and N2 the standard', async () => {
  const { text, entries } = await outcome(['University degree', 'IT', 'N3', 'IT job in Japan']);
  expect(text).toContain('N3 is often the practical minimum');
  expect(text).toContain('N2 is the standard');
  expect(entries).toEqual(['jp.japanese-level', 'jp.jlpt-dates', 'jp.hiring-process', 'jp.visa']);
});

test('an IT graduate without Japanese is pointed at Japanese first', async () => {
  const { text, entries } = await outcome(['University degree', 'IT', 'None yet', 'Learn Japanese first']);
  expect(text).toContain('**Japanese is your next step.**');
  expect(entries).toEqual(['jp.japanese-level', 'jp.jlpt-dates', 'jp.hiring-process']);
});

test('a graduate in another field hears the degree must match the job, and about the IT-notice exams', async () => {
  const { text, entries } = await outcome(['University degree', 'Another field', 'N2', 'IT job in Japan']);
  expect(text).toContain('the degree subject must match the job');
  expect(text).toContain('"IT notice"');
  expect(entries).toEqual(['jp.visa', 'jp.japanese-level']);
});

test('a college graduate who passed an IT-notice exam has a visa route', async () => {
  const { entries, asked, text } = await outcome(['College diploma', 'IT', 'Yes', 'N3', 'IT job in Japan']);
  expect(asked[2]).toContain('Have you passed an IT engineer exam on Japan\'s "IT notice" list');
  expect(text).toContain('**You have a visa route.**');
  expect(entries).toEqual(['jp.visa', 'jp.japanese-level', 'jp.hiring-process']);
});

test('a college graduate without such an exam is sent to the employer about the diploma', async () => {
  const { text, entries } = await outcome(['College diploma', 'IT', 'No', 'N3', 'IT job in Japan']);
  expect(text).toContain(await outcomeSays('japan-readiness', 'collegeNoExam', 'en'));
  expect(entries).toEqual(['jp.visa', 'jp.japanese-level', 'jp.jlpt-dates']);
});

test('no degree and no exam: the three ways to qualify (default outcome), in Vietnamese', async () => {
  const { text, entries } = await outcome(['Không có bằng', 'Không', 'N2', 'Tìm việc CNTT ở Nhật'], 'vi');
  expect(text).toContain('**Chưa đủ điều kiện visa kỹ sư.**');
  expect(text).toContain('10 năm kinh nghiệm');
  expect(entries).toEqual(['jp.visa', 'jp.ptit-programme', 'jp.japanese-level', 'jp.jlpt-dates']);
});

test('an unknown JLPT level is re-asked with the reason', async () => {
  const chat = new FlowChat('japan-readiness', await makeDeps({}, 'en'));
  await chat.read('start');
  await chat.read('High-school student');
  expect((await chat.read('N7'))[0]).toMatch(/^Please choose one of the options .*\n\nWhat is your Japanese level \(JLPT\)\?\n\[None yet\]\n\[N5\]/);
  expect((await chat.read('n3'))[0]).toContain('What do you plan to do next?');
});

test('cancel in English ends the flow', async () => {
  const chat = new FlowChat('japan-readiness', await makeDeps({}, 'en'));
  await chat.read('start');
  expect(await chat.read('cancel')).toEqual(["OK, I've stopped. Nothing from this form was saved. You can ask me anything else."]);
});
