/**
 * `npm run report` end to end: the CLI writes the HTML page from the fixture records,
 * and Debian's Chromium (never a downloaded browser) shows its charts and the list of
 * unanswered-question clusters without any network request or script. The CSV export
 * goes to stdout or to a file.
 */
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runCli } from '../helpers/cli';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

jest.setTimeout(90_000);

/** In-process unless `spawn`: the first run, which writes the page, goes through npx tsx as staff start it. */
function report(args: string[], options: { spawn?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli('report', args, { KNOWLEDGE_DIR: 'tests/fixtures/records/knowledge', DATA_DIR: 'tests/fixtures/records/no-such-folder' }, options);
}

describe('npm run report (HTML in a browser)', () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'pn-report-')), 'report.html');
    const run = await report(['--data', 'tests/fixtures/records/sample', '--out', file], { spawn: true });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`Report written to ${file}: open it in a web browser.`);
    // Issue 22: the report holds the questions students typed: only its owner may read it.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the charts and the clusters, with no request beyond the file and no script', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${file}`);

    await expect(page.locator('h1').textContent()).resolves.toBe('Admissions chatbot report');
    // Questions per day: 8 days (the weekend empty), bars stacked by decision, each visible.
    const perDay = page.locator('#per-day svg.chart');
    await expect(perDay.count()).resolves.toBe(1);
    await expect(perDay.locator('g.category').count()).resolves.toBe(8);
    const bars = perDay.locator('rect.bar');
    await expect(bars.count()).resolves.toBe(18);
    for (const box of await Promise.all((await bars.all()).map((bar) => bar.boundingBox()))) {
      expect(box?.height ?? 0).toBeGreaterThan(1);
      expect(box?.width ?? 0).toBeGreaterThan(10);
    }
    await expect(perDay.locator('rect.bar-answer').count()).resolves.toBe(6);
    await expect(page.locator('#per-day .legend').innerText()).resolves.toBe('answered\n"did you mean"\nnot answered');
    // Languages: one split bar; top entries with their inline bars and votes.
    await expect(page.locator('#languages rect.bar-vi').count()).resolves.toBe(1);
    await expect(page.locator('#languages svg text').first().textContent()).resolves.toBe('Vietnamese: 45 (70%)');
    await expect(page.locator('#entries tbody tr').count()).resolves.toBe(6);
    await expect(page.locator('#entries tbody tr').first().innerText()).resolves.toMatch(/^pn\.scholarship\nWhat does the PN scholarship cover\? Do I have to pay\?\s+7\s+1\s+2$/);
    // What to write next: the clusters, largest first, with examples and the nearest entry.
    const clusters = page.locator('ol.clusters > li.cluster');
    await expect(clusters.count()).resolves.toBe(6);
    await expect(clusters.locator('h3').allTextContents()).resolves.toEqual(['5 question(s)', '3 question(s)', '2 question(s)', '1 question(s)', '1 question(s)', '1 question(s)']);
    await expect(clusters.first().locator('ul.examples li').count()).resolves.toBe(4);
    await expect(clusters.first().locator('.nearest').innerText()).resolves.toMatch(/^Nearest existing entry \(\d+% match\): ms\.exam-cost - How much does a Microsoft exam cost\?$/);
    await expect(page.locator('li.cluster', { hasText: 'please write to me' }).innerText()).resolves.toContain('my email is [email], please write to me about <script>alert(1)</script>');

    expect(requests).toEqual([`file://${file}`]);
    const screenshot = path.join(tmpdir(), 'pn-report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`report screenshot: ${screenshot}`);
    await context.close();
  });
});

describe('npm run report -- --format csv', () => {
  it('writes leads and hand-overs to stdout with a kind column', async () => {
    const run = await report(['--format', 'csv', '--data', 'tests/fixtures/records/sample']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0].startsWith('kind,id,at,reference,flow,outcome,lang,')).toBe(true);
    expect(lines[1].startsWith('lead,')).toBe(true);
    expect(lines[2].startsWith('handoff,')).toBe(true);
  });

  it('writes a file with a byte-order mark for spreadsheets, and reads DATA_DIR by default', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'pn-csv-')), 'contacts.csv');
    const run = await report(['--format', 'csv', '--out', out, '--since', '2026-03-06']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('No records found in');
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFkind,id,at,reference,flow,outcome,lang\r\n');
    const withData = await report(['--format', 'csv', '--out', out, '--since', '2026-03-06', '--data', 'tests/fixtures/records/sample', '--lang', 'vi']);
    expect(withData.stderr).toContain(`Đã ghi CSV vào ${out}: 1 bản ghi.`);
    expect(readFileSync(out, 'utf8').split('\r\n')[1]).toMatch(/^handoff,/);
  });

  it('writes the leads CSV 0600 (names and phone numbers), also over a file that was 0644 (issue 22: it was world-readable)', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'pn-csv-')), 'leads.csv');
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    const run = await report(['--format', 'csv', '--out', out, '--data', 'tests/fixtures/records/sample']);
    expect(run.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8').split('\r\n')[1]).toMatch(/^lead,/);
  });

  it('refuses a bad date or format with the usage line', async () => {
    const run = await report(['--since', '1/3/2026']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--since must be a date written like 2026-01-31');
    expect(run.stderr).toContain('usage: npm run report --');
  });
});
