/** Leaving contact details: validated, stored only with consent, on disk before the confirmation. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AutoSaveStateMiddleware, MemoryStorage, UserState, type Middleware } from 'botbuilder';
import type { Answers } from '../../src/core/flows';
import type { RecordStore, StoredRecord } from '../../src/core/records';
import { FlowChat, makeDeps, outcomeSays, play, REFERENCE_IN_TEXT, visible } from './helpers';

const VI_ANSWERS = ['Nguyễn Văn An', '0912 345 678', 'Tuyển sinh PN', 'Tiếng Việt'];

function leads(dataDir: string): StoredRecord[] {
  const file = path.join(dataDir, 'leads.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as StoredRecord);
}

/** Looks at the leads file at the moment a reply with a reference number is sent. */
function diskCheckAtSend(dataDir: string, seen: { reference: string; onDisk: boolean }[]): Middleware {
  return {
    onTurn: async (context, next) => {
      context.onSendActivities(async (_ctx, activities, send) => {
        for (const a of activities) {
          const ref = REFERENCE_IN_TEXT.exec(visible(a))?.[0];
          if (ref) seen.push({ reference: ref, onDisk: leads(dataDir).some((r) => r.reference === ref) });
        }
        return send();
      });
      await next();
    },
  };
}

test('the full form: a bad phone is re-asked, then the lead is on disk before the confirmation is sent', async () => {
  const deps = await makeDeps();
  const seen: { reference: string; onDisk: boolean }[] = [];
  const chat = new FlowChat('contact', deps, {}, [diskCheckAtSend(deps.records.dataDir, seen)]);

  const opening = await chat.read('hi');
  expect(opening[0]).toContain('Không có gì được lưu cho đến khi bạn đồng ý');
  expect(opening[1]).toBe('Bạn tên là gì?');
  expect(await chat.read('Nguyễn Văn An')).toEqual(['Số điện thoại di động hoặc email để cán bộ liên hệ với bạn?']);
  expect(await chat.read('0123 456')).toEqual([
    'Có vẻ đây chưa phải số di động Việt Nam: số di động có 10 chữ số và bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể viết +84 thay cho số 0 đầu).\n\nSố điện thoại di động hoặc email để cán bộ liên hệ với bạn?',
  ]);
  await play(chat, ['+84 912.345.678', 'Tuyển sinh PN']);
  const consent = await chat.read('Tiếng Việt');
  // The consent question says what the data is for and how to have it deleted.
  expect(consent[0]).toContain('chỉ dùng để cán bộ tuyển sinh của PN Việt Nam liên hệ với bạn về câu hỏi của bạn');
  expect(consent[0]).toContain('"xóa dữ liệu"');
  expect(consent[0]).toContain('[Có]\n[Không]');
  expect(leads(deps.records.dataDir)).toEqual([]);

  const confirmation = await chat.read('Có');
  expect(confirmation[0]).toMatch(/^Cảm ơn Nguyễn Văn An! Mình đã lưu thông tin của bạn\. Mã tham chiếu của bạn là \*\*PN-[2-9A-HJKMNP-Z]{6}\*\*\./);
  const reference = REFERENCE_IN_TEXT.exec(confirmation[0] as string)?.[0];
  expect(confirmation[0]).toContain(await outcomeSays('contact', 'saved', 'vi', { name: 'Nguyễn Văn An', reference: reference ?? '' }));
  expect(seen).toEqual([{ reference, onDisk: true }]);

  const [lead] = leads(deps.records.dataDir);
  expect(lead).toMatchObject({
    kind: 'lead',
    reference,
    flow: 'contact',
    outcome: 'saved',
    lang: 'vi',
    answers: { name: 'Nguyễn Văn An', contact: '0912345678', interest: 'pn', language: 'vi', consent: true },
    channelId: 'test',
  });
  expect(lead?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(chat.status).toBe('complete');
});

test('refusing consent stores nothing', async () => {
  const deps = await makeDeps();
  const chat = new FlowChat('contact', deps);
  await play(chat, ['hi', ...VI_ANSWERS]);
  const reply = await chat.read('Không');
  expect(reply[0]).toContain('Không sao, mình không lưu thông tin nào của bạn.');
  expect(reply[0]).not.toMatch(REFERENCE_IN_TEXT);
  expect(existsSync(path.join(deps.records.dataDir, 'leads.jsonl'))).toBe(false);
});

test('cancelling before consent stores nothing', async () => {
  const deps = await makeDeps();
  const chat = new FlowChat('contact', deps);
  await play(chat, ['hi', 'Nguyễn Văn An', '0912345678']);
  expect((await chat.read('thôi'))[0]).toContain('Không có thông tin nào trong phần này được lưu');
  expect(existsSync(path.join(deps.records.dataDir, 'leads.jsonl'))).toBe(false);
});

test('an email is accepted and stored in lower case; the form works in English', async () => {
  const deps = await makeDeps({}, 'en');
  const chat = new FlowChat('contact', deps);
  await play(chat, ['hi', 'Tran Thi Binh']);
  expect(await chat.read('binh@')).toEqual(['That doesn\'t look like an email address (for example you@example.com).\n\nWhich mobile number or email should staff use to contact you?']);
  await play(chat, ['Binh.Tran@Example.COM', 'IT jobs in Japan']);
  expect(await chat.read('English')).toEqual([expect.stringContaining('Do you agree that we store this name and contact?')]);
  const done = await chat.read('yes');
  expect(done[0]).toMatch(/^Thank you, Tran Thi Binh! Your details are saved\. Your reference number is \*\*PN-/);
  expect(leads(deps.records.dataDir)[0]?.answers).toEqual({ name: 'Tran Thi Binh', contact: 'binh.tran@example.com', interest: 'jp', language: 'en', consent: true });
});

test('"English" as the answer to the preferred-language question is an answer, not a language switch', async () => {
  const deps = await makeDeps();
  const chat = new FlowChat('contact', deps);
  await play(chat, ['hi', 'Nguyễn Văn An', '0912345678', 'Tuyển sinh PN']);
  const reply = await chat.read('English');
  expect(reply[0]).toContain('Bạn có đồng ý');
  expect(deps.lang).toBe('vi');
});

test('a language switch mid-form continues in English', async () => {
  const deps = await makeDeps();
  const chat = new FlowChat('contact', deps);
  await play(chat, ['hi', 'Nguyễn Văn An']);
  expect(await chat.read('English')).toEqual(["OK, let's continue in English.", 'Which mobile number or email should staff use to contact you?']);
});

test('after a saved lead, a later hand-over knows the contact and does not ask again', async () => {
  const userState = new UserState(new MemoryStorage());
  const remembered = userState.createProperty<Answers>('remembered');
  const deps = await makeDeps({ rememberedAnswers: remembered });
  const contact = new FlowChat('contact', deps, {}, [new AutoSaveStateMiddleware(userState)]);
  await play(contact, ['hi', ...VI_ANSWERS, 'Có']);

  // Same user (the test adapter's default), a new conversation with the hand-over flow.
  const handoff = new FlowChat('handoff', deps, { recentQuestions: ['Học phí bao nhiêu?'] }, [new AutoSaveStateMiddleware(userState)]);
  const replies = await handoff.read('cho mình gặp cán bộ');
  expect(replies[0]).toBe('Mình sẽ chuyển câu hỏi của bạn đến cán bộ của PN Việt Nam.');
  expect(replies[1]).toMatch(/^Mình đã chuyển yêu cầu của bạn đến cán bộ PN Việt Nam \(mã tham chiếu \*\*PN-/);
  expect(replies).toHaveLength(2);
  const handoffs = readFileSync(path.join(deps.records.dataDir, 'handoffs.jsonl'), 'utf8');
  expect(JSON.parse(handoffs)).toMatchObject({ answers: { contact: '0912345678', consent: true }, recentQuestions: ['Học phí bao nhiêu?'] });
});

test('when the record cannot be stored, the user is told and gets no reference number', async () => {
  const failing: RecordStore = {
    append: async () => {
      throw new Error('disk full');
    },
    appendBestEffort: () => undefined,
    read: async function* () {},
    delete: async () => [],
    flush: async () => undefined,
    checkWritable: async () => undefined,
    close: async () => undefined,
  };
  const deps = await makeDeps({ records: failing as never });
  const chat = new FlowChat('contact', deps);
  await play(chat, ['hi', ...VI_ANSWERS]);
  const reply = await chat.read('Có');
  expect(reply).toEqual(['Xin lỗi, mình chưa lưu được thông tin của bạn lúc này nên chưa có gì được gửi đến cán bộ. Bạn thử lại sau nhé.']);
  expect(deps.warnings).toEqual([{ err: 'disk full', flow: 'contact' }]);
});

test('a knowledge-base question typed where a name is expected is answered, not saved as the name', async () => {
  const entry = { id: 'pn.eligibility', answer: { vi: 'Học sinh tốt nghiệp cấp 3 từ gia đình khó khăn.', en: 'High-school graduates from poor families.' } };
  const answerer = {
    decide: (text: string) =>
      text.startsWith('Ai được')
        ? { kind: 'answer' as const, entry: entry as never, confidence: 0.95, candidates: [], detectedLang: 'vi' as const }
        : { kind: 'fallback' as const, confidence: 0.1, candidates: [], detectedLang: 'vi' as const },
  };
  const chat = new FlowChat('contact', await makeDeps({ answerer }));
  await chat.read('hi');
  expect(await chat.read('Ai được đăng ký học PN')).toEqual(['Học sinh tốt nghiệp cấp 3 từ gia đình khó khăn.', 'Bạn tên là gì?']);
  expect(await chat.read('Nguyễn Văn An')).toEqual(['Số điện thoại di động hoặc email để cán bộ liên hệ với bạn?']);
});
