/**
 * The staff console in Debian's Chromium, at phone and desktop size: sign in through the
 * local OpenID Connect provider (as through Microsoft), open the leads, change a status,
 * and see a lead's name holding markup shown as text with no script run. axe-core finds
 * no serious or critical WCAG 2.1 AA problem on the sign-in page, the leads and the
 * report. Screenshots in test-output/staff/.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../integration/harness';
import { axeViolations } from '../helpers/axe';
import { ACCOUNTS, freePort, ROOT, startBotProcess, startProvider, type BotProcess, type TestProvider } from '../helpers/staff-sign-in';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = path.join(ROOT, 'test-output', 'staff');
const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const;
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_QUESTION = '[x](javascript:window.__pwned=2) <script>window.__pwned=3</script>';

jest.setTimeout(180_000);

let provider: TestProvider;
let bot: BotProcess;
let browser: Browser;

function seedRecords(dataDir: string): void {
  const at = new Date().toISOString();
  const who = (n: number) => ({ channelId: 'webchat', conversationId: `conv-${n}`, userId: `user-${n}` });
  const lead = { id: 'lead-1', kind: 'lead', at, reference: 'PN-7Q2K', flow: 'contact', outcome: 'saved', lang: 'vi', answers: { name: HOSTILE_NAME, contact: '0905 123 456', interest: 'pn', consent: 'yes' }, ...who(1) };
  const handoff = { id: 'handoff-1', kind: 'handoff', at, reference: 'PN-9XZA', flow: 'handoff', outcome: 'recorded', lang: 'vi', answers: { contact: 'an@example.org', consent: 'yes' }, recentQuestions: [HOSTILE_QUESTION], ...who(2) };
  writeFileSync(path.join(dataDir, 'leads.jsonl'), `${JSON.stringify(lead)}\n`);
  writeFileSync(path.join(dataDir, 'handoffs.jsonl'), `${JSON.stringify(handoff)}\n`);
  const question = { id: 'q-1', kind: 'question', at, text: HOSTILE_QUESTION, lang: 'vi', decision: 'fallback', entryId: null, confidence: 0.1 };
  writeFileSync(path.join(dataDir, 'questions.jsonl'), `${JSON.stringify(question)}\n`);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pn-staff-browser-'));
  seedRecords(dataDir);
  const port = await freePort();
  provider = await startProvider(`http://127.0.0.1:${port}/staff/auth/callback`);
  bot = await startBotProcess(port, provider.issuer, { DATA_DIR: dataDir });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  await provider?.stop();
});

describe.each(Object.entries(SIZES))('staff console on a %s', (size, viewport) => {
  it('signs in through the OpenID provider, shows the leads as text, changes a status, signs out', async () => {
    const context = await browser.newContext({ viewport, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`${bot.url}/staff`);
    await page.waitForSelector('#signin-microsoft');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, `signin-${size}.png`), fullPage: true });

    await provider.signInAs('officer');
    await page.click('#signin-microsoft');
    await page.waitForURL(`${bot.url}/staff`);
    await page.waitForSelector('#tab-leads');
    expect(await page.textContent('#who')).toContain(ACCOUNTS.officer.name);

    await page.click('#tab-leads');
    await page.waitForSelector('#leads-table');
    const row = page.locator('tr[data-lead="lead-1"]');
    expect(await row.textContent()).toContain(HOSTILE_NAME);
    expect(await page.locator('tr[data-lead="handoff-1"]').textContent()).toContain(HOSTILE_QUESTION);
    expect(await page.locator('#leads-table img, #leads-table script, #leads-table a[href^="javascript"]').count()).toBe(0);

    await row.locator('select').selectOption('contacted');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('PN-7Q2K'));
    expect(await row.textContent()).toContain(ACCOUNTS.officer.name);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, `leads-${size}.png`), fullPage: true });

    await page.click('#tab-report');
    const frame = page.frameLocator('#report-frame');
    await frame.locator('svg').first().waitFor();
    expect(await frame.locator('img, script').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, `report-${size}.png`), fullPage: true });

    await page.click('#sign-out');
    await page.waitForSelector('#signin-microsoft');
    expect((await page.evaluate(() => fetch('/staff/api/leads').then((response) => response.status)))).toBe(401);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

it('the report page itself has no serious or critical accessibility problem', async () => {
  const context = await browser.newContext({ viewport: SIZES.desktop });
  const page = await context.newPage();
  await provider.signInAs('officer');
  await page.goto(`${bot.url}/staff/auth/login`);
  await page.waitForURL(`${bot.url}/staff`);
  await page.goto(`${bot.url}/staff/api/report?lang=vi`);
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});

describe('without Entra ID', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close(100)));
  });

  it('says how to turn sign-in on and shows nothing else when none is configured; signs in with the token when one is', async () => {
    const none = await startTestServer({});
    const token = await startTestServer({ STAFF_TOKEN: 'a-staff-token-of-at-least-32-characters' });
    servers.push(none, token);
    const context = await browser.newContext({ viewport: SIZES.phone, locale: 'en-GB' });
    const page = await context.newPage();

    await page.goto(`${none.url}/staff`);
    await page.waitForSelector('#signin h2');
    expect(await page.textContent('#signin')).toContain('STAFF_TOKEN');
    expect(await page.locator('#signin-microsoft, #token-form, #nav:not([hidden])').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'not-configured-phone.png'), fullPage: true });

    await page.goto(`${token.url}/staff`);
    await page.fill('#token', 'wrong-token-wrong-token-wrong-token');
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector('#status.error');
    await page.fill('#token', 'a-staff-token-of-at-least-32-characters');
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector('#tab-leads');
    expect(await page.textContent('#who')).toContain('token');
    await context.close();
  });
});
