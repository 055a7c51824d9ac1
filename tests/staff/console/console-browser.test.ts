/**
 * The staff console's inbox, answers and controls in Debian's Chromium, at phone and
 * desktop size, signed in with the staff token (bearer): a student's question holding
 * markup reaches the inbox as text and runs nothing; a question is accepted as an
 * alternate with its effect shown first, published on the second click, and the bot
 * then answers it in Web Chat. Screenshots of the inbox, the change preview and the entry
 * editor go to test-output/staff/.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { axeViolations } from '../../helpers/axe';
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

const staffStrings = JSON.parse(readFileSync(path.join(ROOT, 'locales/staff/en.json'), 'utf8')) as { controls: { statusOn: string } };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Publishing writes the knowledge files: a copy of them, never the repository's.
  const knowledgeDir = path.join(mkdtempSync(path.join(tmpdir(), 'pn-console-knowledge-')), 'knowledge');
  cpSync(path.join(ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  server = await startTestServer({ STAFF_TOKEN: TOKEN, KNOWLEDGE_DIR: knowledgeDir });
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
});

/** The console signed in with the token, as a script or the token sign-in would be. */
async function openConsole(viewport: { width: number; height: number }, hash: string, locale = 'en-US'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale, extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript((lang) => localStorage.setItem('pn-staff-lang', lang), locale.startsWith('vi') ? 'vi' : 'en');
  await page.goto(`${server.url}/staff#${hash}`);
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
      const { page, problems } = await openConsole(viewport, 'entries');
      await page.locator('.entry-open[data-id="pn.student-life"]').click({ timeout: 60_000 });
      await page.locator('#entry-heading').waitFor();
      // An editor's text holding markup stays text in the preview.
      const answerVi = page.locator('textarea[lang="en"]').nth(1);
      await answerVi.fill('Hello <img src=x onerror="window.__xss=3"> [x](javascript:window.__xss=4) [PN](https://www.passerellesnumeriques.org)');
      await page.locator('select').first().selectOption('en');
      await page.locator('#entry-preview a[href^="https:"]').waitFor();
      await expectNoScript(page, problems);
      await page.locator('#entry-test input').fill('where can I park my motorbike at PN');
      await page.locator('#entry-test button').click();
      await page.locator('#entry-test-result .decision').waitFor({ timeout: 120_000 });
      expect(await page.locator('#entry-test-result .candidates li').count()).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `entry-editor-${size}`);
      await page.context().close();
    }
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
