/**
 * The inbox and controls over HTTP, against the real bot: questions the bot could not
 * answer, "did you mean", a 👎 and answers with a thin margin reach GET /staff/api/inbox
 * grouped with their nearest entries; dismissing takes them out; a preview lists the
 * decisions a change alters; controls change what the bot answers; the test pane explains.
 */
import { withDraftEntry } from '../../../src/core/staff/change-effect';
import type { KnowledgeEntry } from '../../../src/core/knowledge/types';
import { conversation, startTestServer, traceOf, type TestServer } from '../../integration/harness';

jest.setTimeout(240_000);

const TOKEN = 'inbox-test-token-0123456789-abcdefghij';
const auth = { Authorization: `Bearer ${TOKEN}` };
let server: TestServer;

/** The drafts the test pane compiled, in order: the real compile, counted. */
const compiled: KnowledgeEntry[] = [];

beforeAll(async () => {
  server = await startTestServer(
    { STAFF_TOKEN: TOKEN },
    {
      compileDraft: (live, draft) => {
        compiled.push(draft);
        return withDraftEntry(live, draft);
      },
    },
  );
});
afterAll(async () => server?.close());

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads JSON freely
}

async function ask(text: string) {
  const chat = conversation({ locale: 'en-US' });
  const result = await server.post(chat.message(text));
  await server.app.records.flush();
  return { chat, replies: result.activities };
}

const UNANSWERED = 'where can I park my motorbike';
const UNANSWERED_TOO = 'where do I park my motorbike at school';

describe('staff inbox API', () => {
  it('refuses without credentials and shows nothing', async () => {
    const response = await api('GET', '/staff/api/inbox', undefined, {});
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).not.toContain('motorbike');
  });

  it('groups unanswered questions with counts and nearest entries; dismissing removes them', async () => {
    for (const text of [UNANSWERED, UNANSWERED, UNANSWERED_TOO]) {
      const { replies } = await ask(text);
      expect(traceOf(replies[0])?.decision).not.toBe('answer');
    }
    const inbox = await api('GET', '/staff/api/inbox');
    expect(inbox.status).toBe(200);
    const group = inbox.body.groups.find((candidate: { questions: { text: string }[] }) => candidate.questions.some((question) => question.text === UNANSWERED));
    expect(group).toBeDefined();
    expect(group.questions.map((question: { text: string }) => question.text)).toEqual(expect.arrayContaining([UNANSWERED, UNANSWERED_TOO]));
    expect(group.size).toBe(3);
    expect(group.nearest.length).toBeGreaterThan(0);
    expect(typeof group.nearest[0].id).toBe('string');

    const dismissed = await api('POST', '/staff/api/inbox/dismiss', { texts: [UNANSWERED, UNANSWERED_TOO] });
    expect(dismissed.status).toBe(200);
    const after = await api('GET', '/staff/api/inbox');
    expect(JSON.stringify(after.body)).not.toContain('motorbike');
  });

  it('a 👎 brings the question back, with the entry that answered it', async () => {
    const { chat, replies } = await ask('Who can apply to PN?');
    expect(traceOf(replies[0])).toMatchObject({ decision: 'answer', entryId: 'pn.eligibility' });
    await server.post(chat.click({ action: 'feedback', id: 'pn.eligibility', vote: 'down' }));
    await server.app.records.flush();
    const inbox = await api('GET', '/staff/api/inbox');
    const question = inbox.body.groups.flatMap((group: { questions: unknown[] }) => group.questions).find((q: { text: string }) => q.text === 'Who can apply to PN?');
    expect(question).toMatchObject({ reasons: ['downvote'], answeredWith: 'pn.eligibility', now: { decision: 'answer', entryId: 'pn.eligibility' } });
    const answered = await api('GET', '/staff/api/entries/pn.eligibility/answered');
    expect(answered.body.questions.map((q: { text: string }) => q.text)).toContain('Who can apply to PN?');
    expect((await api('GET', '/staff/api/entries/..%2F..%2Fetc/answered')).status).toBe(404);
  });

  it('a preview lists the real questions a change would answer differently', async () => {
    const text = 'is there a bus from the station to the school';
    await ask(text);
    const preview = await api('POST', '/staff/api/inbox/preview', { action: { kind: 'alternate', entryId: 'pn.about', questions: [{ text, lang: 'en' }] } });
    expect(preview.status).toBe(200);
    const changed = preview.body.changedDecisions.find((item: { text: string; source: string }) => item.text === text && item.source === 'question');
    expect(changed).toMatchObject({ after: { decision: 'answer', id: 'pn.about' } });
    expect(changed.before.id).not.toBe('pn.about');
    expect((await api('POST', '/staff/api/inbox/preview', { action: { kind: 'alternate', entryId: 'no.such', questions: [{ text, lang: 'en' }] } })).status).toBe(404);
    expect((await api('POST', '/staff/api/inbox/preview', { action: { kind: 'alternate', questions: [] } })).status).toBe(400);
  });

  it('controls change what the bot answers, for every path', async () => {
    expect(traceOf((await ask('Who can apply to PN?')).replies[0])?.entryId).toBe('pn.eligibility');
    const off = await api('PUT', '/staff/api/controls', { disabledEntries: ['pn.eligibility'], disabledAreas: [], handoverOnly: false });
    expect(off.status).toBe(200);
    expect(traceOf((await ask('Who can apply to PN?')).replies[0])?.entryId ?? null).toBeNull();

    expect((await api('PUT', '/staff/api/controls', { disabledEntries: ['no.such'], disabledAreas: [], handoverOnly: false })).status).toBe(422);
    const only = await api('PUT', '/staff/api/controls', { disabledEntries: [], disabledAreas: [], handoverOnly: true });
    expect(only.status).toBe(200);
    const handed = (await ask('Who can apply to PN?')).replies;
    expect((handed[0].channelData as { says: string[] }).says).toContain('key:handoff.handoverOnly');

    await api('PUT', '/staff/api/controls', { disabledEntries: [], disabledAreas: [], handoverOnly: false });
    expect(traceOf((await ask('Who can apply to PN?')).replies[0])?.entryId).toBe('pn.eligibility');
    expect((await api('GET', '/staff/api/controls')).body.areas).toEqual(expect.arrayContaining(['pn', 'ms', 'jp']));
  });

  it('the test pane decides with the draft and explains', async () => {
    const text = 'can I bring my guitar';
    const live = await api('POST', '/staff/api/entries/pn.about/test', { text });
    expect(live.body.explanation.entryId).not.toBe('pn.about');
    const draft = await api('POST', '/staff/api/entries/pn.about/test', {
      text,
      draft: { alternates: { vi: [], en: ['can I bring my guitar', 'may I bring my guitar to PN'] } },
    });
    expect(draft.status).toBe(200);
    expect(draft.body.explanation.candidates[0].id).toBe('pn.about');
    expect(draft.body.explanation.candidates[0].counted.map((word: { text: string }) => word.text)).toContain('guitar');
    expect(compiled.map((entry) => entry.id)).toEqual(['pn.about']);
    // Another text against the same draft is decided with the draft too, kept: not compiled again.
    const again = await api('POST', '/staff/api/entries/pn.about/test', {
      text: 'may I bring my guitar',
      draft: { alternates: { vi: [], en: ['can I bring my guitar', 'may I bring my guitar to PN'] } },
    });
    expect(again.body.explanation.candidates[0].id).toBe('pn.about');
    expect(compiled).toHaveLength(1);
    // A changed draft is compiled anew: without the guitar alternates no entry knows the word.
    const changed = await api('POST', '/staff/api/entries/pn.about/test', { text, draft: { alternates: { vi: [], en: ['can I bring my violin'] } } });
    expect(changed.status).toBe(200);
    expect(compiled.map((entry) => entry.alternates.en)).toEqual([['can I bring my guitar', 'may I bring my guitar to PN'], ['can I bring my violin']]);
    const counted = changed.body.explanation.candidates.flatMap((candidate: { counted: { text: string }[] }) => candidate.counted.map((word) => word.text));
    expect(counted).not.toContain('guitar');
  });
});
