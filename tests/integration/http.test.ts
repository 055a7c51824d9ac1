/**
 * The real server over HTTP: what a channel (or the local Web Chat page) sends,
 * and what the user would see in the replies.
 */
import type { Activity } from 'botbuilder';
import {
  buttonTitles,
  buttonValues,
  conversation,
  replyLanguage,
  startTestServer,
  t,
  traceOf,
  type TestServer,
} from './harness';

/** A flow text as the user sees it: its {{settings}} (office hours, retention) filled in with any wording, none left raw. */
function filledIn(template: string): unknown {
  const pattern = template
    .split(/\{\{\w+\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^{}]+');
  return expect.stringMatching(new RegExp(`^${pattern}$`));
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('language of the reply', () => {
  it('answers a Vietnamese greeting in Vietnamese, even when the channel says English', async () => {
    const chat = conversation({ locale: 'en-US' });
    const { status, activities } = await server.post(chat.message('Xin chào ạ'));
    expect(status).toBe(200);
    expect(activities).toHaveLength(1);
    expect(replyLanguage(activities[0], server.answerer)).toBe('vi');
  });

  it('answers an English greeting in English, even when the channel says Vietnamese', async () => {
    const chat = conversation({ locale: 'vi-VN' });
    const { activities } = await server.post(chat.message('Hello, how are you?'));
    expect(activities).toHaveLength(1);
    expect(replyLanguage(activities[0], server.answerer)).toBe('en');
  });

  it('answers an English question in English with the entry, follow-ups and feedback buttons', async () => {
    const chat = conversation();
    const { activities } = await server.post(chat.message('Who can apply to PN?'));
    const [reply] = activities;
    const trace = traceOf(reply)!;
    expect(trace.decision).toBe('answer');
    expect(trace.entryId).toBe('pn.eligibility');
    expect(trace.confidence).toBeGreaterThan(0);
    expect(trace.candidates[0]).toBe('pn.eligibility');
    expect(replyLanguage(reply, server.answerer)).toBe('en');
    const entry = server.answerer.entry('pn.eligibility')!;
    const values = buttonValues(reply);
    for (const followUp of entry.followUps) expect(values).toContainEqual({ action: 'entry', id: followUp });
    expect(values).toContainEqual({ action: 'feedback', id: 'pn.eligibility', vote: 'up' });
    expect(values).toContainEqual({ action: 'feedback', id: 'pn.eligibility', vote: 'down' });
    // Follow-up buttons are titled with the follow-up's question in the reply language.
    const followUp = server.answerer.entry(entry.followUps[0])!;
    expect(buttonTitles(reply)).toContain(followUp.question.en);
  });

  it('keeps answering buttons in the language the user last wrote in', async () => {
    const chat = conversation({ locale: 'vi-VN' });
    await server.post(chat.message('Who can apply to PN?'));
    const { activities } = await server.post(chat.click({ action: 'entry', id: 'pn.scholarship' }));
    expect(traceOf(activities[0])).toEqual({
      entryId: 'pn.scholarship',
      confidence: 1,
      decision: 'answer',
      candidates: ['pn.scholarship'],
    });
    expect(replyLanguage(activities[0], server.answerer)).toBe('en');
  });

  it('says honestly that it does not know, with the areas and a person, in the question language', async () => {
    const chat = conversation();
    const { activities } = await server.post(chat.message('What is the weather like in Paris tomorrow?'));
    const [reply] = activities;
    expect(reply.text).toBe(t('en', 'fallback.text'));
    expect(traceOf(reply)).toMatchObject({ entryId: null, decision: 'fallback' });
    expect(buttonValues(reply)).toEqual([
      { action: 'menu', area: 'pn' },
      { action: 'menu', area: 'ms' },
      { action: 'menu', area: 'jp' },
      { action: 'handoff' },
    ]);
  });
});

describe('welcome', () => {
  it('welcomes a user who joins in their language (Vietnamese by default), with the area buttons and English one tap away', async () => {
    const chat = conversation({ locale: 'vi-VN' });
    const { status, activities } = await server.post(chat.join());
    expect(status).toBe(200);
    expect(activities).toHaveLength(1);
    const [welcome] = activities;
    expect(welcome.text).toContain(t('vi', 'welcome.title'));
    expect(welcome.text).not.toContain(t('en', 'welcome.title'));
    expect(buttonValues(welcome)).toEqual([
      { action: 'menu', area: 'pn' },
      { action: 'menu', area: 'ms' },
      { action: 'menu', area: 'jp' },
      { action: 'lang', lang: 'en' },
    ]);
    expect(buttonTitles(welcome)).toEqual([t('vi', 'areas.pn'), t('vi', 'areas.ms'), t('vi', 'areas.jp'), 'English']);
  });

  it('over Direct Line, waits for the page to say it joined, then welcomes once in the page language', async () => {
    const chat = conversation();
    // Direct Line's own "user joined" carries no locale: answering it would greet an English page in Vietnamese.
    expect((await server.post(chat.join())).activities).toEqual([]);
    const joined = await server.post(chat.activity('event', { name: 'webchat/join', value: {}, locale: 'en-US' }));
    expect(joined.activities).toHaveLength(1);
    expect(joined.activities[0].text).toContain(t('en', 'welcome.title'));
    // Told again (the page reconnected), or a join with a locale after all: still one welcome.
    expect((await server.post(chat.activity('event', { name: 'webchat/join', value: {}, locale: 'en-US' }))).activities).toEqual([]);
    expect((await server.post({ ...chat.join(), locale: 'en-US' })).activities).toEqual([]);
    // Without a locale on the event either: Vietnamese by default.
    const other = conversation();
    const welcome = await server.post(other.activity('event', { name: 'webchat/join', value: {} }));
    expect(welcome.activities[0].text).toContain(t('vi', 'welcome.title'));
  });

  it('ignores other events', async () => {
    const chat = conversation({ locale: 'en-US' });
    expect((await server.post(chat.activity('event', { name: 'something/else', value: {} }))).activities).toEqual([]);
  });

  it('does not welcome the bot itself joining', async () => {
    const chat = conversation();
    const join = chat.join();
    const { activities } = await server.post({ ...join, membersAdded: [join.recipient] });
    expect(activities).toEqual([]);
  });
});

describe('buttons', () => {
  it('lists an area’s questions from the knowledge base when its menu button is clicked', async () => {
    const chat = conversation({ locale: 'en-US' });
    const { activities } = await server.post(chat.click({ action: 'menu', area: 'ms' }));
    const msEntries = server.answerer.content.kb.entries.filter((entry) => entry.area === 'ms');
    expect(msEntries.length).toBeGreaterThan(0);
    expect(activities[0].text).toBe(t('en', 'menu.areaIntro', { area: t('en', 'areas.ms') }));
    expect(buttonValues(activities[0])).toEqual([
      ...msEntries.map((entry) => ({ action: 'entry', id: entry.id })),
      { action: 'menu' },
    ]);
    expect(buttonTitles(activities[0])[0]).toBe(msEntries[0].question.en);
  });

  it('thanks for feedback in the user’s language', async () => {
    const chat = conversation({ locale: 'vi-VN' });
    const up = await server.post(chat.click({ action: 'feedback', id: 'pn.about', vote: 'up' }));
    expect(up.activities[0].text).toBe(t('vi', 'feedback.thanksUp'));
    const down = await server.post(chat.click({ action: 'feedback', id: 'pn.about', vote: 'down' }));
    expect(down.activities[0].text).toBe(t('vi', 'feedback.thanksDown'));
    expect(buttonValues(down.activities[0])).toEqual([{ action: 'handoff' }]);
  });

  it('gives the fallback for "none of these"', async () => {
    const chat = conversation({ locale: 'en-US' });
    const { activities } = await server.post(chat.click({ action: 'none' }));
    expect(activities[0].text).toBe(t('en', 'fallback.text'));
    expect(traceOf(activities[0])).toEqual({ entryId: null, confidence: 0, decision: 'fallback', candidates: [] });
  });

  it('says a guided flow is not available when a button names a flow that is not loaded', async () => {
    const chat = conversation({ locale: 'en-US' });
    const { activities } = await server.post(chat.click({ action: 'flow', flow: 'eligibility-check' }));
    expect(activities[0].text).toBe(t('en', 'flow.unavailable'));
  });

  it('answers the "talk to a person" command, the button and a hand-over entry with the hand-over form', async () => {
    const handoff = server.app.content.current.flows.byId.get('handoff')!;
    const contactStep = handoff.steps[0]!;
    const chat = conversation({ locale: 'vi-VN' });
    const { activities } = await server.post(chat.message('Talk to a person!'));
    expect(activities.map((activity) => activity.text)).toEqual([filledIn(handoff.intro!.en), contactStep.prompt.en]);
    expect(activities[1].inputHint).toBe('expectingInput');
    const button = await server.post(conversation({ locale: 'en-US' }).click({ action: 'handoff' }));
    expect(button.activities.map((activity) => activity.text)).toEqual([filledIn(handoff.intro!.en), contactStep.prompt.en]);

    const entry = server.answerer.content.kb.entries.find((candidate) => candidate.action === 'handoff');
    expect(entry).toBeDefined();
    const viaEntry = await server.post(conversation({ locale: 'vi-VN' }).click({ action: 'entry', id: entry!.id }));
    expect(viaEntry.activities.map((activity) => activity.text)).toEqual([filledIn(handoff.intro!.vi), contactStep.prompt.vi]);
    expect(traceOf(viaEntry.activities[0])).toMatchObject({ entryId: entry!.id, decision: 'answer' });
  });

  it('does not crash on a button for an entry that no longer exists', async () => {
    const chat = conversation({ locale: 'en-US' });
    const { status, activities } = await server.post(chat.click({ action: 'entry', id: 'pn.removed-long-ago' }));
    expect(status).toBe(200);
    expect(activities[0].text).toBe(t('en', 'fallback.text'));
  });
});

describe('Teams', () => {
  it('renders an answer as an Adaptive Card 1.5 with wrapped text and submit actions', async () => {
    const chat = conversation({ channelId: 'msteams' });
    const { activities } = await server.post(chat.message('Who can apply to PN?'));
    const [reply] = activities;
    expect(traceOf(reply)).toMatchObject({ entryId: 'pn.eligibility', decision: 'answer' });
    const attachment = reply.attachments?.[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment?.content as { version: string; body: Array<Record<string, unknown>> };
    expect(card.version).toBe('1.5');
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', wrap: true });
    expect(String(card.body[0].text)).toContain(server.answerer.entry('pn.eligibility')!.answer.en.trim());
    const actions = card.body.flatMap((element) => (element.actions as Array<Record<string, unknown>>) ?? []);
    expect(actions).toContainEqual({
      type: 'Action.Submit',
      title: t('en', 'feedback.up'),
      data: { action: 'feedback', id: 'pn.eligibility', vote: 'up' },
    });
    expect(actions.some((action) => action.type === 'Action.OpenUrl')).toBe(true);
  });
});

describe('bad input', () => {
  const textOf = (activities: Activity[]) => activities.map((activity) => activity.text);

  it('asks for a question when the text is empty', async () => {
    const chat = conversation({ locale: 'en-US' });
    const { status, activities } = await server.post(chat.message('   '));
    expect(status).toBe(200);
    expect(textOf(activities)).toEqual([t('en', 'input.empty')]);
  });

  it('reads the first MAX_MESSAGE_LENGTH characters of a 10,000-character message and says so', async () => {
    const chat = conversation({ locale: 'en-US' });
    const long = `Who can apply to PN? ${'a'.repeat(10_000)}`;
    const { status, activities } = await server.post(chat.message(long));
    expect(status).toBe(200);
    expect(activities[0].text).toBe(t('en', 'input.truncated', { max: 2000 }));
    expect(activities).toHaveLength(2);
    expect(traceOf(activities[1])?.decision).toBeDefined();
  });

  it('explains it reads words when the message is only emoji', async () => {
    const chat = conversation({ locale: 'vi-VN' });
    const { activities } = await server.post(chat.message('😀👍🎉'));
    expect(textOf(activities)).toEqual([t('vi', 'input.noWords')]);
  });

  it('explains it cannot read attachments sent without text', async () => {
    const chat = conversation({ locale: 'en-US' });
    const { activities } = await server.post(
      chat.message(undefined, { attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:1/x.png' }] }),
    );
    expect(textOf(activities)).toEqual([t('en', 'input.attachmentOnly')]);
  });

  it.each(['typing', 'event', 'messageReaction', 'endOfConversation', 'somethingNew'])(
    'ignores a %s activity without replying',
    async (type) => {
      const chat = conversation();
      const { status, activities } = await server.post(chat.activity(type, { name: 'unknown/thing' }));
      expect(status).toBe(200);
      expect(activities).toEqual([]);
    },
  );

  it('answers an invoke it does not know with 501 Not Implemented, and keeps serving', async () => {
    const chat = conversation();
    const invoke = { ...chat.activity('invoke', { name: 'unknown/thing' }), deliveryMode: undefined };
    const { status } = await server.post(invoke);
    expect(status).toBe(501);
    const next = await server.post(chat.message('Hello'));
    expect(next.status).toBe(200);
  });

  it('rejects a malformed JSON body with 400 and keeps serving', async () => {
    const bad = await server.postRaw('{"type": "message", "text": ');
    expect(bad.status).toBe(400);
    const chat = conversation();
    const next = await server.post(chat.message('Xin chào'));
    expect(next.status).toBe(200);
    expect(next.activities).toHaveLength(1);
  });

  it.each([
    ['an array', '[]'],
    ['an object without a type', '{"text":"hi"}'],
    ['a string', '"hello"'],
  ])('rejects %s with 400', async (_name, body) => {
    const { status } = await server.postRaw(body);
    expect(status).toBe(400);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const { status } = await server.postRaw('type=message', { 'Content-Type': 'text/plain' });
    expect(status).toBe(400);
  });
});

describe('health, readiness and metrics', () => {
  it('reports liveness and readiness as JSON', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      // The same checks as production: the tests run the app src/index.ts runs.
      // The content check names the live content version this instance serves (issue 19).
      checks: { knowledge: { ok: true }, storage: { ok: true }, records: { ok: true }, content: { ok: true, version: expect.stringMatching(/^v\d{17}-[0-9a-f]{8}$/) as unknown } },
    });
  });

  it('counts turns, decisions, latency and errors', async () => {
    const chat = conversation();
    await server.post(chat.message('Who can apply to PN?'));
    const response = await fetch(`${server.url}/metrics`);
    const text = await response.text();
    expect(text).toMatch(/^bot_turns_total\{activity_type="message"\} [1-9]/m);
    expect(text).toMatch(/^bot_decisions_total\{kind="answer"\} [1-9]/m);
    expect(text).toMatch(/^bot_turn_duration_seconds_count\{activity_type="message"\} [1-9]/m);
    expect(text).toContain('# TYPE bot_errors_total counter');
  });
});

describe('local Web Chat page', () => {
  it('serves the page and Web Chat’s own bundle in local mode', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<meta name="viewport"');
    const settings = await (await fetch(`${server.url}/webchat/settings.js`)).text();
    expect(settings).toContain('"mode":"local"');
    expect(settings).toContain('"bundleUrl":"/vendor/webchat.js"');
    const bundle = await fetch(`${server.url}/vendor/webchat.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
  });
});

describe('with an app id configured', () => {
  let secured: TestServer;

  beforeAll(async () => {
    secured = await startTestServer({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });

  afterAll(async () => {
    await secured?.close();
  });

  it('answers 401 to a request without a token', async () => {
    const { status, activities } = await secured.post(conversation().message('Xin chào'));
    expect(status).toBe(401);
    expect(activities).toEqual([]);
  });

  it('answers 401 to a request with a token that is not a valid Bot Framework token', async () => {
    // The route checks the token itself: no stack trace on the console (tests/server/auth-errors.test.ts covers the logs).
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { status } = await secured.post(conversation().message('Xin chào'), { Authorization: 'Bearer abc.def.ghi' });
      expect(status).toBe(401);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('serves the chat page in Direct Line mode (a token, not /api/messages)', async () => {
    expect((await fetch(`${secured.url}/`)).status).toBe(200);
    const settings = await (await fetch(`${secured.url}/webchat/settings.js`)).text();
    expect(settings).toContain('"mode":"directline"');
    expect(settings).toContain('"tokenUrl":"/api/directline/token"');
  });

  it('still answers health checks', async () => {
    const health = await fetch(`${secured.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
