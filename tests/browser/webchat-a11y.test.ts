/**
 * The Web Chat page as a student on a phone (360x740) or a computer (1280x800) sees it,
 * in Debian's Chromium, both languages:
 * - the welcome in the browser's language only, the other one a button away, on the first screen;
 * - a long answer arrives with its first line on screen (below the header), its link inside
 *   its bubble, 👍/👎 small on one line; a clicked suggestion shows as the student's message;
 * - axe-core (WCAG 2.1 A and AA) on the welcome, an answer, a menu and a form step: no serious
 *   or critical violation (results in test-output/browser/axe-results.json and .png);
 * - each bot message's text reaches Web Chat's aria-live region;
 * - a keyboard-only path (Tab, Shift+Tab, Enter) with the focus visible at every stop.
 * Screenshots in test-output/browser/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Lang } from '../../src/core/knowledge/types';
import { ROOT, startTestServer, t, type TestServer } from '../integration/harness';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUTPUT = path.join(ROOT, 'test-output', 'browser');
const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const SCREENS = [
  { name: 'phone', viewport: { width: 360, height: 740 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;
const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-US' };
/** The eligibility self-check: a form whose first step is a choice. */
const FORM_FLOW = 'pn-eligibility';
/** A long answer with a link. */
const LONG_ENTRY = 'pn.scholarship';

jest.setTimeout(120_000);

let server: TestServer;
let browser: Browser;
const axeResults: Array<{ screen: string; lang: Lang; step: string; violations: Array<{ id: string; impact: string; nodes: number }> }> = [];

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  if (browser && axeResults.length > 0) await saveAxeResults();
  await browser?.close();
  await server?.close();
});

const sendBox = (page: Page) => page.locator('[data-id="webchat-sendbox-input"]');
const botBubbles = (page: Page) => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)');
const userBubbles = (page: Page) => page.locator('.webchat__bubble--from-user');

/** Web Chat's Markdown renderer prints typographic quotes; the first characters of a Markdown text as shown. */
const shownStart = (markdown: string) =>
  markdown
    .replace(/\*\*/g, '')
    .split('\n')[0]
    .slice(0, 30)
    .replace(/'/g, '’')
    .replace(/"([^"]*)"/g, '“$1”');

async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(OUTPUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) in the page and keeps the result for the report. */
async function expectAccessible(page: Page, screen: string, lang: Lang, step: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    // Only the violations are read: axe then keeps one node per passed rule instead of describing every one.
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  axeResults.push({ screen, lang, step, violations: violations.map(({ id, impact, nodes }) => ({ id, impact, nodes })) });
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
}

/** Waits until the transcript stops moving (Web Chat scrolls smoothly), then gives the element's box. */
async function settledBox(element: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let previous = await element.boundingBox();
  for (let tries = 0; tries < 50; tries += 1) {
    await element.page().waitForTimeout(100);
    const current = await element.boundingBox();
    if (current && previous && current.y === previous.y && current.height === previous.height) return current;
    previous = current;
  }
  throw new Error('the transcript never stopped scrolling');
}

/** Where the chat's visible area starts and ends: below the header, above the suggested actions or the send box. */
async function chatArea(page: Page): Promise<{ top: number; bottom: number }> {
  const header = (await page.locator('header.header').boundingBox())!;
  const transcript = (await page.locator('.webchat__basic-transcript__scrollable').boundingBox())!;
  return { top: Math.max(header.y + header.height, transcript.y), bottom: transcript.y + transcript.height };
}

/**
 * Records what Web Chat's aria-live region is given (it empties itself after a few seconds):
 * every text added inside `.webchat__live-region-transcript[aria-live]`, in order.
 */
function recordAnnouncements(): void {
  const announced: string[] = [];
  (window as unknown as { announced: string[] }).announced = announced;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        const parent = node instanceof Element ? node : node.parentElement;
        if (parent?.closest('.webchat__live-region-transcript[aria-live]')) announced.push(node.textContent ?? '');
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Waits until the aria-live region was given a text containing `text` (what a screen reader reads out). */
async function expectAnnounced(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      // Quotes as typed: the region may get the Markdown-rendered (typographic) text or the raw one.
      const plain = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
      return (window as unknown as { announced: string[] }).announced.some((said) => plain(said).includes(plain(expected)));
    },
    text,
    { timeout: 15_000 },
  );
}

/** Sends `text` and waits for the first bot message of the turn; returns it. */
async function ask(page: Page, text: string, expectedStart: string): Promise<Locator> {
  const before = await botBubbles(page).count();
  await sendBox(page).fill(text);
  await sendBox(page).press('Enter');
  const first = botBubbles(page).nth(before);
  await first.waitFor({ timeout: 15_000 });
  await page.getByText(expectedStart, { exact: false }).first().waitFor({ timeout: 15_000 });
  return first;
}

describe.each(SCREENS)('on a $name ($viewport.width x $viewport.height)', ({ name, viewport }) => {
  describe.each(['vi', 'en'] as const)('in %s', (lang) => {
    let page: Page;
    const size = `${viewport.width}x${viewport.height}`;

    beforeAll(async () => {
      const context = await browser.newContext({ locale: LOCALE[lang], viewport });
      await context.addInitScript(recordAnnouncements);
      page = await context.newPage();
      await page.goto(`${server.url}/`);
    });

    afterAll(async () => {
      await page?.context().close();
    });

    it('welcomes in the browser\'s language only, the other language one tap away, all on the first screen', async () => {
      const welcome = botBubbles(page).first();
      await welcome.getByText(t(lang, 'welcome.intro'), { exact: false }).waitFor({ timeout: 30_000 });
      const other = lang === 'vi' ? 'en' : 'vi';
      expect(await welcome.textContent()).not.toContain(t(other, 'welcome.intro'));
      const switchButton = page.locator('.webchat__suggested-action', { hasText: t(other, 'language.switchButton') });
      await expect(switchButton.count()).resolves.toBe(1);
      // The whole welcome and its last button are on screen, between the header and the send box.
      const area = await chatArea(page);
      const box = await settledBox(welcome);
      expect(box.y).toBeGreaterThanOrEqual(area.top);
      const lastButton = (await page.locator('.webchat__suggested-action').last().boundingBox())!;
      const input = (await sendBox(page).boundingBox())!;
      expect(lastButton.y + lastButton.height).toBeLessThanOrEqual(input.y);
      await expectAnnounced(page, t(lang, 'welcome.prompt').slice(0, 25));
      if (lang === 'vi' || name === 'desktop') await screenshot(page, `first-screen-${lang}-${size}`);
      await expectAccessible(page, name, lang, 'welcome');
    });

    it('shows a long answer from its first line, its link inside the bubble, 👍/👎 small on one line', async () => {
      const entry = server.answerer.entry(LONG_ENTRY)!;
      expect(entry.links.length).toBeGreaterThan(0);
      const first = await ask(page, entry.question[lang], shownStart(entry.answer[lang]));
      const box = await settledBox(first);
      // Measured once the answer stopped moving: its suggested actions change the transcript's height.
      const area = await chatArea(page);
      // The start of the answer is on screen: below the header, and its whole first line above the end of the transcript.
      const firstLine = await first.evaluate((bubble) => {
        const text = bubble.querySelector('p, li') ?? bubble;
        return { top: text.getBoundingClientRect().top, height: parseFloat(getComputedStyle(text).lineHeight) || 20 };
      });
      expect(box.y).toBeGreaterThanOrEqual(area.top - 1);
      expect(firstLine.top + firstLine.height).toBeLessThanOrEqual(area.bottom);
      if (lang === 'vi') await screenshot(page, `long-answer-${lang}-${size}`);
      // The link is part of the answer's bubble, a real link to the entry's address.
      const link = first.locator(`a[href="${entry.links[0].url}"]`);
      expect(await link.textContent()).toContain(entry.links[0].title[lang]);
      // 👍 and 👎 side by side on one line, each far narrower than the list.
      const up = (await page.locator('.webchat__suggested-action', { hasText: t(lang, 'feedback.up') }).boundingBox())!;
      const down = (await page.locator('.webchat__suggested-action', { hasText: t(lang, 'feedback.down') }).boundingBox())!;
      const list = (await page.locator('.webchat__suggested-actions').boundingBox())!;
      expect(Math.abs(up.y - down.y)).toBeLessThan(2);
      expect(up.width + down.width).toBeLessThan(list.width * 0.8);
      await expectAnnounced(page, shownStart(entry.answer[lang]).slice(0, 20));
      await expectAccessible(page, name, lang, 'answer');
    });

    it('shows a clicked suggestion as the student\'s message and answers it by its id (a menu)', async () => {
      const before = await userBubbles(page).count();
      await page.locator('.webchat__suggested-action', { hasText: t(lang, 'feedback.up') }).click();
      await expectAnnounced(page, t(lang, 'feedback.thanksUp').slice(0, 12));
      // Then a menu from a typed "menu": its area button clicked.
      await ask(page, 'menu', shownStart(t(lang, 'help.text')).slice(0, 20));
      const area = t(lang, 'areas.pn');
      await page.locator('.webchat__suggested-action', { hasText: area }).first().click();
      await page.getByText(t(lang, 'menu.back'), { exact: true }).first().waitFor({ timeout: 15_000 });
      const said = await userBubbles(page).allTextContents();
      expect(said.length).toBeGreaterThan(before);
      expect(said.some((text) => text.includes(t(lang, 'feedback.up')))).toBe(true);
      expect(said[said.length - 1]).toContain(area);
      await expectAccessible(page, name, lang, 'menu');
    });

    it('asks a form step with its choices on screen', async () => {
      const flow = server.app.content.current.flows.byId.get(FORM_FLOW)!;
      const step = flow.steps[0];
      const first = await ask(page, flow.triggers![lang]![0], shownStart(flow.intro![lang]));
      const box = await settledBox(first);
      expect(box.y).toBeGreaterThanOrEqual((await chatArea(page)).top - 1);
      await page.getByText(step.prompt[lang], { exact: false }).first().waitFor({ timeout: 15_000 });
      expect(step.kind).toBe('choice');
      const labels = step.kind === 'choice' ? step.choices.map((choice) => choice.label[lang]) : [];
      for (const label of labels) await expect(page.locator('.webchat__suggested-action', { hasText: label }).count()).resolves.toBe(1);
      if (lang === 'vi' || name === 'desktop') await screenshot(page, `form-step-${lang}-${size}`);
      await expectAnnounced(page, step.prompt[lang]);
      await expectAccessible(page, name, lang, 'form step');
    });
  });
});

/**
 * Where the focus is, and whether it is drawn: an outline of at least 2 px on a box on screen,
 * or, for the transcript's zero-height end marker, Web Chat's frame around the transcript.
 */
async function focusState(page: Page): Promise<{ what: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { what: 'body', visible: false };
    const what = `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}.${String(element.className).split(' ')[0]}`;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const frame = element.closest('.webchat__basic-transcript')?.querySelector(':scope > .webchat__basic-transcript__focus-indicator');
    const framed = !!frame && getComputedStyle(frame).borderTopStyle !== 'none' && parseFloat(getComputedStyle(frame).borderTopWidth) >= 2;
    return { what, visible: element.matches(':focus-visible') && ((onScreen && ring) || (box.height === 0 && framed)) };
  });
}

/** Presses `key` until the focus is on `selector` (at most 20 times), the focus visible at every stop. */
async function tabTo(page: Page, key: 'Tab' | 'Shift+Tab', selector: string, stops: string[]): Promise<void> {
  const focused = () => page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
  if (await focused()) return; // Web Chat already put it there (the send box after a click)
  for (let presses = 0; presses < 20; presses += 1) {
    await page.keyboard.press(key);
    const focus = await focusState(page);
    stops.push(focus.what);
    expect({ ...focus, after: stops.join(' > ') }).toEqual({ what: focus.what, visible: true, after: stops.join(' > ') });
    if (await focused()) return;
  }
  throw new Error(`${selector} never got the focus: ${stops.join(' > ')}`);
}

describe('with the keyboard only (phone, Vietnamese)', () => {
  it('sends a message, clicks a suggestion, answers a form step and switches the language, the focus always visible', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: SCREENS[0].viewport });
    await context.addInitScript(recordAnnouncements);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/`);
      await page.getByText(t('vi', 'welcome.intro'), { exact: false }).first().waitFor({ timeout: 30_000 });
      const stops: string[] = [];
      const input = '[data-id="webchat-sendbox-input"]';
      const suggestion = '.webchat__suggested-action';

      // A question typed and sent with Enter.
      await tabTo(page, 'Tab', input, stops);
      const entry = server.answerer.entry('pn.eligibility')!;
      await page.keyboard.type(entry.question.vi);
      await page.keyboard.press('Enter');
      await page.getByText(shownStart(entry.answer.vi), { exact: false }).first().waitFor({ timeout: 15_000 });

      // A follow-up suggestion: back from the send box to the list, Enter.
      await tabTo(page, 'Shift+Tab', suggestion, stops);
      const chosen = (await page.evaluate(() => document.activeElement?.textContent ?? '')).trim();
      await page.keyboard.press('Enter');
      await userBubbles(page).filter({ hasText: chosen }).first().waitFor({ timeout: 15_000 });

      // A form step answered with a choice button.
      const flow = server.app.content.current.flows.byId.get(FORM_FLOW)!;
      await tabTo(page, 'Tab', input, stops);
      await page.keyboard.type(flow.triggers!.vi![0]);
      await page.keyboard.press('Enter');
      await page.getByText(flow.steps[0].prompt.vi, { exact: false }).first().waitFor({ timeout: 15_000 });
      await tabTo(page, 'Shift+Tab', suggestion, stops);
      await page.keyboard.press('Enter');
      await page.getByText(flow.steps[1].prompt.vi, { exact: false }).first().waitFor({ timeout: 15_000 });

      // The language switch in the header.
      await tabTo(page, 'Shift+Tab', '#lang-toggle', stops);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 15_000 });
      // Inside the form, the bot asks the same question again, in English.
      await expectAnnounced(page, flow.steps[1].prompt.en);
      console.log(`keyboard path: ${stops.join(' > ')}`);
    } finally {
      await context.close();
    }
  });
});

/** The axe-core results as JSON and as a page (a table) screenshot. */
async function saveAxeResults(): Promise<void> {
  writeFileSync(path.join(OUTPUT, 'axe-results.json'), `${JSON.stringify(axeResults, null, 2)}\n`);
  const rows = axeResults
    .map(({ screen, lang, step, violations }) => {
      const found = violations.map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes})`).join(', ') || 'none';
      return `<tr><td>${screen}</td><td>${lang}</td><td>${step}</td><td>${found}</td></tr>`;
    })
    .join('');
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await page.setContent(
    `<!doctype html><html lang="en"><body style="font:14px system-ui;margin:16px"><h1 style="font-size:18px">axe-core ${'WCAG 2.1 A/AA'} violations</h1>` +
      `<table border="1" cellpadding="6" style="border-collapse:collapse"><tr><th>screen</th><th>lang</th><th>step</th><th>violations</th></tr>${rows}</table></body></html>`,
  );
  await page.screenshot({ path: path.join(OUTPUT, 'axe-results.png'), fullPage: true });
  await page.close();
}
