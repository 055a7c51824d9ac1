/** /privacy serves the knowledge base's privacy notice as a page, in the language asked for. */
import restify from 'restify';
import type { AddressInfo } from 'node:net';
import { registerPrivacyPage, markdownToHtml } from '../../src/server/privacy-page';

describe('the privacy page', () => {
  let server: restify.Server;
  let base: string;
  let notice: { vi?: { title: string; markdown: string }; en?: { title: string; markdown: string } } = {};

  beforeAll(async () => {
    server = restify.createServer();
    registerPrivacyPage(server, (lang) => notice[lang]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('shows the notice in the language asked for, escaped, with a link to the other language', async () => {
    notice = {
      vi: { title: 'Bảo mật', markdown: '**PN Việt Nam** giữ <b>thông tin</b>.\n- giữ 365 ngày' },
      en: { title: 'Privacy', markdown: '**PN Vietnam** keeps details.' },
    };
    const vi = await fetch(`${base}/privacy?lang=vi`);
    expect(vi.status).toBe(200);
    expect(vi.headers.get('content-type')).toMatch(/text\/html/);
    const html = await vi.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<strong>PN Việt Nam</strong>');
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('<li>giữ 365 ngày</li>');
    expect(html).toContain('href="/privacy?lang=en"');
    const en = await (await fetch(`${base}/privacy?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h1>Privacy</h1>');
  });

  it('is a 404 when the knowledge base has no notice', async () => {
    notice = {};
    expect((await fetch(`${base}/privacy`)).status).toBe(404);
  });

  it('lays out paragraphs and lists only', () => {
    expect(markdownToHtml('a\n\n- b\n- c')).toBe('<p>a</p>\n<ul><li>b</li><li>c</li></ul>');
  });
});
