/**
 * The staff console's inbox, answers and controls in Debian's Chromium, at phone and
 * desktop size, signed in with the staff token (bearer): a student's question holding
 * markup reaches the inbox as text and runs nothing; a question is accepted as an
 * alternate with its effect shown first, published on the second click, and the bot
 * then answers it in Web Chat. Screenshots of the inbox, the change preview and the entry
 * editor go to test-output/staff/.
 * The entry editor runs on a small knowledge base (tests/fixtures/kb-check/neighbours) where
 * two entries really are confused: its confusable neighbours (cross-validation, five
 * trainings) take a few seconds there, where the real one's took about 20 s of CPU.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { axeViolations } from '../../helpers/axe';
import { DiskArtefactStore } from '../../../src/core/storage/artefacts';
import { conversation, ROOT, startTestServer, traceOf, type TestServer } from '../../integration/harness';

jest.setTimeout(300_000);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = path.join(ROOT, 'test-output', 'staff');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const TOKEN = 'console-browser-token-0123456789-abcdefgh';

const IMG = '<img src=x onerror="window.__xss=1"> where can I park my motorbike';
const LINK = '[x](javascript:window.__xss=2) where do I park my motorbike at school';
const CLEAN = 'where can I park my motorbike at PN';

interface StaffStrings {
  controls: { statusOn: string };
  entries: { neighbour: string; neighboursNone: string };
}
const staffStringsIn = (lang: 'en' | 'vi') => JSON.parse(readFileSync(path.join(ROOT, `locales/staff/${lang}.json`), 'utf8')) as StaffStrings;
const staffStrings = staffStringsIn('en');
/** A catalogue string with its {{names}} filled in, as the console's shell does. */
const filled = (text: string, vars: Record<string, string | number>) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? ''));

/** The real knowledge base: the inbox, publishing and the controls. */
let server: TestServer;
/** A small one where pn.tuition and pn.fees are asked in the same words: the entry editor. */
let small: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Publishing writes the knowledge files: a copy of them, never the repository's.
  const knowledgeDir = path.join(mkdtempSync(path.join(tmpdir(), 'pn-console-knowledge-')), 'knowledge');
  cpSync(path.join(ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  server = await startTestServer({ STAFF_TOKEN: TOKEN, KNOWLEDGE_DIR: knowledgeDir });
  // Its own compiled-content folder: the neighbours are worked out in this run (in the bot's worker process), not read from an earlier one.
  const smallDir = mkdtempSync(path.join(tmpdir(), 'pn-console-small-'));
  cpSync(path.join(ROOT, 'tests/fixtures/kb-check/neighbours'), path.join(smallDir, 'knowledge'), { recursive: true });
  // No guided flows: the real ones offer entries this knowledge base does not have.
  mkdirSync(path.join(smallDir, 'dialogs'));
  small = await startTestServer(
    { STAFF_TOKEN: TOKEN, KNOWLEDGE_DIR: path.join(smallDir, 'knowledge'), DIALOGS_DIR: path.join(smallDir, 'dialogs') },
    { compiledContent: new DiskArtefactStore(path.join(smallDir, 'compiled')) },
  );
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  for (const text of [IMG, IMG, LINK, CLEAN]) {
    const chat = conversation({ locale: 'en-US' });
    await server.post(chat.message(text));
  }
  await server.app.records.flush();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await small?.close();
});

/** The console signed in with the token, as a script or the token sign-in would be. */
async function openConsole(viewport: { width: number; height: number }, hash: string, locale = 'en-US', bot: TestServer = server): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale, extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript((lang) => localStorage.setItem('pn-staff-lang', lang), locale.startsWith('vi') ? 'vi' : 'en');
  await page.goto(`${bot.url}/staff#${hash}`);
  return { page, problems };
}

const shot = async (page: Page, name: string) => {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};

/** Nothing a student wrote ran or became an element. */
async function expectNoScript(page: Page, problems: string[]): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('#panel img').count()).toBe(0);
  expect(await page.locator('#panel a[href^="javascript"]').count()).toBe(0);
  expect(problems).toEqual([]);
}

describe('staff console in Chromium', () => {
  // The phone only previews; the desktop then publishes (after which the question leaves the inbox).
  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`inbox at ${size} size: students' markup is text, and a change shows its effect before publishing`, async () => {
      const { page, problems } = await openConsole(viewport, 'inbox');
      const question = page.locator('.question-text', { hasText: 'where can I park my motorbike' }).first();
      await question.waitFor({ timeout: 60_000 });
      expect(await question.textContent()).toBe(IMG);
      await expectNoScript(page, problems);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `inbox-${size}`);

      // Select the whole group, choose the entry, and ask what the change does.
      const group = page.locator('.inbox-group', { has: question });
      await group.locator('.select-all input').check();
      await page.locator('input[list="inbox-entry-list"]').first().fill('pn.student-life');
      await page.locator('#inbox-alternate').click();
      await page.locator('#inbox-preview-summary').waitFor({ timeout: 120_000 });
      const preview = page.locator('#inbox-preview');
      expect(await preview.locator('.change-texts li').allTextContents()).toEqual(expect.arrayContaining([IMG, LINK, CLEAN]));
      // The students' questions themselves are among the decisions the change alters.
      expect(await preview.locator('.changed-text', { hasText: 'where can I park my motorbike' }).count()).toBeGreaterThan(0);
      await expectNoScript(page, problems);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `change-preview-${size}`);
      await page.context().close();
    });
  }

  it('accepts one inbox question as an alternate (preview, then publish), and the bot answers it in Web Chat', async () => {
    const { page, problems } = await openConsole(DESKTOP, 'inbox');
    const clean = page.locator('.inbox-question', { has: page.locator('.question-text', { hasText: CLEAN }) });
    await clean.waitFor({ timeout: 60_000 });
    await clean.locator('input[type="checkbox"]').check();
    await page.locator('input[list="inbox-entry-list"]').first().fill('pn.student-life');
    await page.locator('#inbox-alternate').click();
    await page.locator('#inbox-preview-summary').waitFor({ timeout: 120_000 });
    expect(await page.locator('#inbox-preview .change-texts li').allTextContents()).toEqual([CLEAN]);
    await page.locator('#inbox-publish').click();
    // Published: decided again against the new content, the question leaves the inbox.
    await page.locator('.question-text', { hasText: CLEAN }).waitFor({ state: 'detached', timeout: 120_000 });
    expect(problems).toEqual([]);

    // A student asks it in Web Chat (the local page, no staff credentials).
    const chatContext = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const chat = await chatContext.newPage();
    await chat.goto(`${server.url}/`);
    const sendBox = chat.locator('[data-id="webchat-sendbox-input"]');
    await sendBox.waitFor({ timeout: 60_000 });
    await sendBox.fill(CLEAN);
    await sendBox.press('Enter');
    const answer = server.app.content.current.answerer.entry('pn.student-life')!.answer.en;
    const firstWords = answer.replace(/\*\*/g, '').split('\n')[0].slice(0, 25).replace(/'/g, '’');
    await chat.getByText(firstWords, { exact: false }).first().waitFor({ timeout: 60_000 });
    await shot(chat, 'webchat-answers-accepted-question');
    await chatContext.close();
    await page.context().close();
  });

  it('entry editor: the answer previewed as text, a draft tested with the explanation, at both sizes', async () => {
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { page, problems } = await openConsole(viewport, 'entries', 'en-US', small);
      await page.locator('.entry-open[data-id="pn.tuition"]').click({ timeout: 60_000 });
      await page.locator('#entry-heading').waitFor();
      // An editor's text holding markup stays text in the preview.
      const answerVi = page.locator('textarea[lang="en"]').nth(1);
      await answerVi.fill('Hello <img src=x onerror="window.__xss=3"> [x](javascript:window.__xss=4) [PN](https://www.passerellesnumeriques.org)');
      await page.locator('select').first().selectOption('en');
      await page.locator('#entry-preview a[href^="https:"]').waitFor();
      await expectNoScript(page, problems);
      await page.locator('#entry-test input').fill('how much is the tuition at PN');
      await page.locator('#entry-test button').click();
      await page.locator('#entry-test-result .decision').waitFor({ timeout: 120_000 });
      expect(await page.locator('#entry-test-result .candidates li').count()).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `entry-editor-${size}`);
      await page.context().close();
    }
  });

  it('entry editor: the entries students may get instead, with their counts, open with one click (English and Vietnamese)', async () => {
    const api = async (id: string) =>
      (await (await fetch(`${small.url}/staff/api/entries/${id}/neighbours`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as {
        neighbours?: { id: string; question: { vi: string; en: string }; phrasings: number; of: number }[];
      };
    const { page, problems } = await openConsole(DESKTOP, 'entries', 'en-US', small);
    await page.locator('.entry-open[data-id="pn.tuition"]').click({ timeout: 60_000 });
    // Worked out in the bot's worker process; the page asks again until they are ready.
    const fees = page.locator('#entry-neighbours li[data-id="pn.fees"]');
    await fees.waitFor({ timeout: 120_000 });
    const worked = (await api('pn.tuition')).neighbours ?? [];
    expect(await page.locator('#entry-neighbours li').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))).toEqual(worked.map((neighbour) => neighbour.id));
    const feesCounts = worked.find((neighbour) => neighbour.id === 'pn.fees');
    expect(feesCounts?.phrasings).toBeGreaterThan(0);
    expect(await fees.locator('span').first().textContent()).toBe(filled(staffStrings.entries.neighbour, { entry: feesCounts?.question.en ?? '', id: 'pn.fees', count: feesCounts?.phrasings ?? 0, total: feesCounts?.of ?? 0 }));
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'entry-neighbours-desktop');

    // Its link opens the neighbour, whose own list names pn.tuition.
    await fees.locator('button').click();
    await page.locator('#entry-heading', { hasText: 'pn.fees' }).waitFor();
    await page.locator('#entry-neighbours li[data-id="pn.tuition"]').waitFor({ timeout: 30_000 });
    // An entry asked in words of its own has none (back to the list: the editor's first button).
    await page.locator('#entry-editor > button').first().click();
    await page.locator('.entry-open[data-id="pn.location"]').click({ timeout: 60_000 });
    await page.locator('#entry-neighbours', { hasText: staffStrings.entries.neighboursNone }).waitFor({ timeout: 30_000 });
    expect(problems).toEqual([]);
    await page.context().close();

    // In Vietnamese, with the Vietnamese question of the neighbour.
    const vi = await openConsole(DESKTOP, 'entries', 'vi-VN', small);
    await vi.page.locator('.entry-open[data-id="pn.fees"]').click({ timeout: 60_000 });
    const tuition = vi.page.locator('#entry-neighbours li[data-id="pn.tuition"]');
    await tuition.waitFor({ timeout: 30_000 });
    const tuitionCounts = (await api('pn.fees')).neighbours?.find((neighbour) => neighbour.id === 'pn.tuition');
    expect(await tuition.locator('span').first().textContent()).toBe(
      filled(staffStringsIn('vi').entries.neighbour, { entry: tuitionCounts?.question.vi ?? '', id: 'pn.tuition', count: tuitionCounts?.phrasings ?? 0, total: tuitionCounts?.of ?? 0 }),
    );
    expect(vi.problems).toEqual([]);
    await vi.page.context().close();
  });

  it('controls: switching an answer off changes what the bot says', async () => {
    const { page, problems } = await openConsole(DESKTOP, 'controls');
    await page.locator('#controls-form').waitFor({ timeout: 60_000 });
    await page.locator('textarea').first().fill('pn.eligibility');
    await page.locator('#controls-save').click();
    await page.locator('#controls-status', { hasText: 'pn.eligibility' }).waitFor({ timeout: 30_000 });
    const chat = conversation({ locale: 'en-US' });
    const replies = (await server.post(chat.message('Who can apply to PN?'))).activities;
    expect(traceOf(replies[0])?.entryId ?? null).toBeNull();
    await page.locator('textarea').first().fill('');
    await page.locator('#controls-save').click();
    await page.locator('#controls-status', { hasText: staffStrings.controls.statusOn }).waitFor({ timeout: 30_000 });
    expect(traceOf((await server.post(conversation({ locale: 'en-US' }).message('Who can apply to PN?'))).activities[0])?.entryId).toBe('pn.eligibility');
    expect(problems).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'controls-desktop');
    await page.context().close();
  });
});
