/**
 * Every message the bot sends carries the locale of the language it was written in,
 * whatever the incoming message said: the chat page switches its own words by it.
 */
import { startTestServer, t, type TestServer, conversation } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('reply locale', () => {
  it('marks replies with the language chosen, not the locale the message came with', async () => {
    const chat = conversation({ locale: 'vi-VN' });
    const welcome = await server.post(chat.join());
    expect(welcome.activities.map((activity) => activity.locale)).toEqual(welcome.activities.map(() => 'vi-VN'));

    const switched = await server.post(chat.click({ action: 'lang', lang: 'en' }));
    expect(switched.activities[0].text).toBe(t('en', 'language.switched'));
    expect(switched.activities.map((activity) => activity.locale)).toEqual(switched.activities.map(() => 'en-US'));

    // A question in Vietnamese on an English page: the answer, and its locale, are Vietnamese.
    const english = conversation({ locale: 'en-US' });
    const answer = await server.post(english.message('Học bổng PN gồm những gì?'));
    expect(answer.activities.at(-1)?.locale).toBe('vi-VN');
  });
});
