/**
 * The Web Chat page in Debian's Chromium (never a downloaded browser): the welcome,
 * a typed question answered, buttons, the language following the toggle, a typed
 * "English" and a question in English; a long menu on a 360x740 phone and a
 * 1280x800 screen (list at most about half the screen, send box visible, nothing
 * covered), with screenshots in test-output/browser/. Production mode: the page asks
 * /api/directline/token and connects to (a stand-in for) Direct Line with that token.
 * Without Web Chat's bundle the page says so.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import restify from 'restify';
import { loadConfig } from '../../src/config';
import { recogniseCommand } from '../../src/core/conversation/commands';
import { registerWebChatPage } from '../../src/server/webchat-page';
import { startDirectLineStandIn } from '../helpers/directline-standin';
import { LOCALES_DIR, ROOT, startTestServer, t, type TestServer } from '../integration/harness';

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
const SCREENSHOTS = path.join(ROOT, 'test-output', 'browser');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/** The page's own words (locales/webchat) and Web Chat's send-box hint, per language. */
type PageText = { title: string; languageName: string; bundleMissing: string };
const pageText = (lang: 'vi' | 'en') => JSON.parse(readFileSync(path.join(LOCALES_DIR, 'webchat', `${lang}.json`), 'utf8')) as PageText;
const sendBoxHint = (locale: string) =>
  (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/botframework-webchat-api/lib/localization', `${locale}.json`), 'utf8')) as Record<string, string>)
    .TEXT_INPUT_PLACEHOLDER;

jest.setTimeout(90_000);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(locale: string, viewport = DESKTOP, url = `${server.url}/`): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

async function openChat(locale: string, viewport = DESKTOP): Promise<Page> {
  const { page, errors } = await openPage(locale, viewport);
  // The welcome is in the browser's language.
  await page.getByText(t(locale.startsWith('en') ? 'en' : 'vi', 'welcome.intro'), { exact: false }).first().waitFor({ timeout: 30_000 });
  expect(errors).toEqual([]);
  return page;
}

const sendBox = (page: Page) => page.locator('[data-id="webchat-sendbox-input"]');

async function say(page: Page, text: string): Promise<void> {
  await sendBox(page).fill(text);
  await sendBox(page).press('Enter');
}

/** Web Chat's Markdown renderer prints typographic quotes: I'll -> I’ll, "x" -> “x”. */
const typographic = (text: string) => text.replace(/'/g, '’').replace(/"([^"]*)"/g, '“$1”');

/** First characters of a Markdown answer as the page shows them (no ** markers). */
const plainStart = (markdown: string) => typographic(markdown.replace(/\*\*/g, '').split('\n')[0].slice(0, 40));

async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`screenshot: ${file}`);
  return file;
}

/** Waits (up to 30 s) for something outside the page to happen, such as a call to the stand-in. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > 30_000) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expectPageLanguage(page: Page, lang: 'vi' | 'en'): Promise<void> {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-US';
  await page.waitForFunction((title) => document.getElementById('title')?.textContent === title, pageText(lang).title, { timeout: 15_000 });
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  await page.waitForFunction(
    (hint) => document.querySelector('[data-id="webchat-sendbox-input"]')?.getAttribute('placeholder') === hint,
    sendBoxHint(locale),
    { timeout: 15_000 },
  );
}

describe('Web Chat page, local mode', () => {
  /**
   * One Vietnamese conversation on a computer, its tests in order on the same page: each page load
   * runs Web Chat's 3.9 MB bundle again (about 3-4 s of Chromium's CPU at load 10), and these
   * three only need the page as the previous one left it: Vietnamese (each test asserts the
   * language it starts from), the conversation going on.
   */
  describe('one conversation, typed', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openChat('vi-VN');
    });
    afterAll(async () => {
      await page?.context().close();
    });

    it('shows the welcome, then answers a typed Vietnamese question in the page', async () => {
      await expectPageLanguage(page, 'vi');
      await say(page, 'Học bổng PN gồm những gì?');
      const answer = server.answerer.entry('pn.scholarship')!.answer.vi;
      await page.getByText(plainStart(answer), { exact: false }).first().waitFor({ timeout: 15_000 });
      // The user's own message shows once: the echo replaced the pending copy instead of adding a second.
      const userBubbles = page.locator('.webchat__bubble--from-user', { hasText: 'Học bổng PN gồm những gì?' });
      expect(await userBubbles.count()).toBe(1);
    });

    it('follows a typed language switch: header and input hint change with the bot', async () => {
      await expectPageLanguage(page, 'vi');
      const typed = pageText('en').languageName;
      expect(recogniseCommand(typed)).toEqual({ kind: 'lang', lang: 'en' });
      await say(page, typed);
      await expectPageLanguage(page, 'en');
      await say(page, pageText('vi').languageName);
      await expectPageLanguage(page, 'vi');
    });

    it('follows the bot when it answers a question asked in English on a Vietnamese page', async () => {
      await expectPageLanguage(page, 'vi');
      const eligibility = server.answerer.entry('pn.eligibility')!;
      await say(page, eligibility.question.en);
      await page.getByText(plainStart(eligibility.answer.en), { exact: false }).first().waitFor({ timeout: 15_000 });
      await expectPageLanguage(page, 'en');
    });
  });

  it('follows a button click: an area menu then an entry answer', async () => {
    const page = await openChat('en-US');
    await page.getByRole('button', { name: t('en', 'areas.pn'), exact: true }).first().click();
    const eligibility = server.answerer.entry('pn.eligibility')!;
    await page.getByRole('button', { name: eligibility.question.en, exact: true }).first().click();
    await page.getByText(plainStart(eligibility.answer.en), { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.context().close();
  });

  it('switches page text, input hint and the bot language with the toggle, without an empty bubble', async () => {
    const page = await openChat('vi-VN');
    await page.locator('#lang-toggle').click();
    await expectPageLanguage(page, 'en');
    await page.getByText(typographic(t('en', 'language.switched'))).first().waitFor({ timeout: 15_000 });
    // The switch went to the bot as a post back: nothing from the user appears in the transcript.
    expect(await page.locator('.webchat__bubble--from-user').count()).toBe(0);
    await page.context().close();
  });

  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('keeps a long menu to about half the %s screen, the send box visible and nothing covered', async (_name, viewport) => {
    const page = await openChat('vi-VN', viewport);
    await page.getByRole('button', { name: t('vi', 'areas.pn'), exact: true }).first().click();
    await page.getByText(t('vi', 'menu.back'), { exact: true }).first().waitFor({ timeout: 15_000 });
    const list = page.locator('.webchat__suggested-actions').first();
    const buttons = list.locator('button');
    const pnQuestions = server.answerer.content.kb.entries.filter((entry) => entry.area === 'pn').length;
    expect(await buttons.count()).toBeGreaterThanOrEqual(Math.min(pnQuestions, 10));
    await screenshot(page, `webchat-menu-${viewport.width}x${viewport.height}`);

    const listBox = (await list.boundingBox())!;
    expect(listBox.height).toBeLessThanOrEqual(viewport.height * 0.5);
    // The page is one screen: no scrolling sideways or down, the send box inside it.
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow).toEqual({ x: 0, y: 0 });
    const input = (await sendBox(page).boundingBox())!;
    expect(input.y).toBeGreaterThanOrEqual(0);
    expect(input.y + input.height).toBeLessThanOrEqual(viewport.height);
    expect(input.x + input.width).toBeLessThanOrEqual(viewport.width);
    // The conversation keeps room: the transcript is not squeezed to nothing.
    const transcript = (await page.locator('.webchat__basic-transcript').first().boundingBox())!;
    expect(transcript.height).toBeGreaterThanOrEqual(viewport.height * 0.2);
    // The footer covers no button of the list.
    const footer = (await page.locator('#footer').boundingBox()) ?? { y: viewport.height };
    expect(listBox.y + listBox.height).toBeLessThanOrEqual(footer.y);
    // The list scrolls to its last button, which stays reachable above the send box.
    const last = buttons.last();
    await last.scrollIntoViewIfNeeded();
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(input.y + 1);
    await page.context().close();
  });
});

describe('Web Chat page, production mode (Direct Line token)', () => {
  it('asks the bot for a token and connects to Direct Line with it, never with the secret', async () => {
    const secret = 'browser-test-secret';
    const directLine = await startDirectLineStandIn(secret);
    const production = await startTestServer({
      MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'unused-in-this-test',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '00000000-0000-4000-8000-000000000002',
      DIRECT_LINE_SECRET: secret,
      DIRECT_LINE_ENDPOINT: directLine.url,
    });
    try {
      const { page, errors } = await openPage('en-US', PHONE, `${production.url}/`);
      await until(() => directLine.calls.some((call) => call.path === '/v3/directline/conversations'));
      const start = directLine.calls.find((call) => call.path === '/v3/directline/conversations')!;
      expect(start.authorization).toBe(`Bearer ${directLine.tokens[0]}`);
      expect(directLine.calls.filter((call) => call.authorization === `Bearer ${secret}`).map((call) => call.path)).toEqual([
        '/v3/directline/tokens/generate',
      ]);
      await expectPageLanguage(page, 'en');
      // Direct Line's own "user joined" has no language: the page tells the bot it arrived, with its locale.
      const isJoin = (call: { method: string; path: string; body: unknown }) =>
        call.method === 'POST' && call.path.endsWith('/activities') && (call.body as { type?: string; name?: string }).name === 'webchat/join';
      await until(() => directLine.calls.some(isJoin));
      expect(directLine.calls.filter(isJoin).map((call) => call.body)).toEqual([expect.objectContaining({ type: 'event', name: 'webchat/join', locale: 'en-US' })]);
      await screenshot(page, 'webchat-production-360x740');
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      await production.close();
      await directLine.close();
    }
  });
});

describe('the embed snippet (one div, one script) on the school website', () => {
  it.each([
    ['desktop', DESKTOP, 'height: 600px'],
    // On a phone the site gives the div no height: the snippet's own (at most 85% of the screen).
    ['phone', PHONE, ''],
  ])('shows the chat in a frame on a site listed in WEBCHAT_ORIGINS (%s), in the language the div asks for', async (name, viewport, divStyle) => {
    let botUrl = '';
    // The website: another origin (localhost, where the bot is 127.0.0.1), serving the snippet of deployment/README.md.
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="vi"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>PN</title></head>` +
          `<body style="margin:0 8px"><h1>Passerelles numériques</h1>` +
          `<div id="pn-admissions-chat" data-lang="en" style="${divStyle}"></div>` +
          `<script src="${botUrl}/embed.js" async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteOrigin = `http://localhost:${(site.address() as AddressInfo).port}`;
    const bot = await startTestServer({ WEBCHAT_ORIGINS: siteOrigin });
    botUrl = bot.url;
    try {
      const { page, errors } = await openPage('vi-VN', viewport, `${siteOrigin}/`);
      const chat = page.frameLocator('#pn-admissions-chat iframe');
      await chat.getByText(t('en', 'welcome.intro'), { exact: false }).first().waitFor({ timeout: 30_000 });
      expect(await chat.locator('#title').textContent()).toBe(pageText('en').title);
      const frame = (await page.locator('#pn-admissions-chat iframe').boundingBox())!;
      expect(frame.height).toBeGreaterThanOrEqual(name === 'phone' ? 420 : 590);
      // The frame fits the site's width: nothing to scroll sideways on a phone.
      expect(frame.x + frame.width).toBeLessThanOrEqual(viewport.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      // A question asked in the frame: the answer's first line is on screen inside the frame.
      const eligibility = bot.answerer.entry('pn.eligibility')!;
      const input = chat.locator('[data-id="webchat-sendbox-input"]');
      await input.fill(eligibility.question.en);
      await input.press('Enter');
      const answer = chat.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: plainStart(eligibility.answer.en) });
      await answer.waitFor({ timeout: 15_000 });
      // Web Chat scrolls smoothly: the box is read once it stopped moving.
      let answerBox = (await answer.boundingBox())!;
      for (let moved = true; moved; ) {
        await page.waitForTimeout(100);
        const next = (await answer.boundingBox())!;
        moved = next.y !== answerBox.y;
        answerBox = next;
      }
      const header = (await chat.locator('header.header').boundingBox())!;
      expect(answerBox.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
      expect(answerBox.y).toBeLessThan(frame.y + frame.height);
      const sendBoxInFrame = (await input.boundingBox())!;
      expect(sendBoxInFrame.y + sendBoxInFrame.height).toBeLessThanOrEqual(frame.y + frame.height);
      await screenshot(page, `webchat-embedded-${viewport.width}x${viewport.height}`);
      expect(errors).toEqual([]);
      await page.context().close();
      // Any other site may not frame the page.
      const csp = (await fetch(`${bot.url}/`)).headers.get('content-security-policy');
      expect(csp).toBe(`frame-ancestors 'self' ${siteOrigin}`);
    } finally {
      await bot.close();
      site.closeAllConnections();
      site.close();
    }
  });
});

describe('Web Chat page without the Web Chat package', () => {
  it('says clearly, in the visitor\'s language, that the bundle is not installed', async () => {
    const bare = restify.createServer();
    registerWebChatPage(bare, loadConfig({ LOCALES_DIR }), { bundlePath: null });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const { address, port } = bare.address();
      const { page } = await openPage('en-US', PHONE, `http://${address}:${port}/`);
      const notice = page.locator('[data-notice="bundleMissing"]');
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.textContent()).toBe(pageText('en').bundleMissing);
      expect(await page.request.get(`http://${address}:${port}/vendor/webchat.js`).then((response) => response.status())).toBe(404);
      await page.context().close();
    } finally {
      bare.close();
    }
  });
});
