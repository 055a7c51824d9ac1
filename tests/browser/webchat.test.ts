/**
 * The local Web Chat page in Debian's Chromium (never a downloaded browser):
 * the welcome appears, a typed question gets its answer in the page, buttons
 * work, the language toggle switches page and bot, and a phone-sized screen fits.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, t, type TestServer } from '../integration/harness';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

jest.setTimeout(60_000);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(locale: string, viewport = { width: 1000, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/`);
  // Web Chat renders bot messages as list items in its transcript.
  await page.getByText(t('vi', 'welcome.intro'), { exact: false }).first().waitFor({ timeout: 20_000 });
  expect(errors).toEqual([]);
  return page;
}

const sendBox = (page: Page) => page.locator('[data-id="webchat-sendbox-input"]');

/** Web Chat's Markdown renderer prints typographic quotes: I'll -> I’ll, "x" -> “x”. */
const typographic = (text: string) => text.replace(/'/g, '’').replace(/"([^"]*)"/g, '“$1”');

/** First characters of a Markdown answer as the page shows them (no ** markers). */
const plainStart = (markdown: string) => typographic(markdown.replace(/\*\*/g, '').split('\n')[0].slice(0, 40));

describe('local Web Chat page', () => {
  it('shows the welcome, then answers a typed Vietnamese question in the page', async () => {
    const page = await openPage('vi-VN');
    expect(await page.locator('#title').textContent()).toBe('Trợ lý tuyển sinh PN');
    await sendBox(page).fill('PN có tốn học phí không?');
    await sendBox(page).press('Enter');
    const answer = server.answerer.entry('pn.scholarship')!.answer.vi;
    await page.getByText(plainStart(answer), { exact: false }).first().waitFor({ timeout: 15_000 });
    // The user's own message shows once: the echo replaced the pending copy instead of adding a second.
    const userBubbles = page.locator('.webchat__bubble--from-user', { hasText: 'PN có tốn học phí không?' });
    expect(await userBubbles.count()).toBe(1);
    await page.context().close();
  });

  it('follows a button click: an area menu then an entry answer', async () => {
    const page = await openPage('en-US');
    await page.getByRole('button', { name: t('en', 'areas.pn'), exact: true }).first().click();
    const eligibility = server.answerer.entry('pn.eligibility')!;
    await page.getByRole('button', { name: eligibility.question.en, exact: true }).first().click();
    await page.getByText(plainStart(eligibility.answer.en), { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.context().close();
  });

  it('switches page text and the bot language with the toggle', async () => {
    const page = await openPage('vi-VN');
    await page.locator('#lang-toggle').click();
    expect(await page.locator('#title').textContent()).toBe('PN Admissions Assistant');
    await page.getByText(typographic(t('en', 'language.switched'))).first().waitFor({ timeout: 15_000 });
    await page.context().close();
  });

  it('fits a 360px-wide phone screen', async () => {
    const page = await openPage('vi-VN', { width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await sendBox(page).isVisible()).toBe(true);
    const box = await sendBox(page).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pn-webchat-')), 'webchat-360.png');
    await page.screenshot({ path: file, fullPage: false });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    await page.context().close();
  });
});
