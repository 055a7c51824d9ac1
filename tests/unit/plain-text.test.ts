/** Plain text for Messenger: Markdown removed, long texts cut between words into messages that fit. */
import fc from 'fast-check';
import { markdownToPlain, splitMessage } from '../../src/bot/plain-text';

/** What Messenger would print as raw Markdown characters. */
const MARKDOWN = /\*\*|__|\]\(|^\s{0,3}#{1,6}\s|`|(^|\s)\*\S[^*]*\*(\s|$)|^\s*[-*+] /m;

describe('markdownToPlain', () => {
  it('keeps the words of bold, italic, code and headings without their marks', () => {
    expect(markdownToPlain('## Học phí\n**Miễn phí** hoàn toàn, _kể cả_ ký túc xá. Gõ `menu`.')).toBe('Học phí\nMiễn phí hoàn toàn, kể cả ký túc xá. Gõ menu.');
  });

  it('writes a link as its title and address, and a bare address as it is', () => {
    expect(markdownToPlain('Xem [trang tuyển sinh](https://www.passerellesnumeriques.org/vi/) nhé')).toBe(
      'Xem trang tuyển sinh: https://www.passerellesnumeriques.org/vi/ nhé',
    );
    expect(markdownToPlain('[https://pn.org](https://pn.org)')).toBe('https://pn.org');
    expect(markdownToPlain('[Reset \\[password\\]](https://a.b/x_(y))')).toBe('Reset [password]: https://a.b/x_(y)');
  });

  it('leaves underscores inside words and addresses alone', () => {
    expect(markdownToPlain('https://learn.microsoft.com/a_b_c and snake_case_name')).toBe('https://learn.microsoft.com/a_b_c and snake_case_name');
  });

  it('turns list marks into bullets and unescapes characters', () => {
    expect(markdownToPlain('- một\n* hai\n  + ba\n1\\. bốn')).toBe('• một\n• hai\n  • ba\n1. bốn');
  });

  it('leaves no Markdown in any mix of the marks the content uses', () => {
    const word = fc.stringMatching(/^[a-zđăâêôơư0-9]{1,8}$/);
    const styled = fc.tuple(fc.constantFrom('', '**', '_', '`'), word).map(([mark, w]) => `${mark}${w}${mark}`);
    const link = fc.tuple(word, word).map(([t, host]) => `[${t}](https://${host}.vn/)`);
    const line = fc.tuple(fc.constantFrom('', '# ', '## ', '- ', '> '), fc.array(fc.oneof(styled, link), { minLength: 1, maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const plain = markdownToPlain(lines.map(([lead, parts]) => lead + parts.join(' ')).join('\n'));
        expect(plain).not.toMatch(MARKDOWN);
      }),
    );
  });
});

describe('splitMessage', () => {
  it('keeps a text that fits as one message', () => {
    expect(splitMessage('  Xin chào!  ', 2000)).toEqual(['Xin chào!']);
  });

  it('cuts between paragraphs before sentences, and between sentences before words', () => {
    const paragraph = 'Câu một dài. Câu hai cũng dài.';
    expect(splitMessage(`${paragraph}\n\n${paragraph}`, 40)).toEqual([paragraph, paragraph]);
    expect(splitMessage('Câu một khá dài đây. Câu hai ngắn hơn.', 30)).toEqual(['Câu một khá dài đây.', 'Câu hai ngắn hơn.']);
    expect(splitMessage('một hai ba bốn năm sáu', 10)).toEqual(['một hai ba', 'bốn năm', 'sáu']);
  });

  it('never makes a piece longer than the limit, and keeps every word whole and in order', () => {
    const word = fc.stringMatching(/^[a-zA-Zđếộ0-9.,!?:]{1,15}$/);
    const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', '. ', '  ');
    const text = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 400 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 16, max: 2000 }), (input, max) => {
        const pieces = splitMessage(input, max);
        for (const piece of pieces) {
          expect(piece.length).toBeLessThanOrEqual(max);
          expect(piece).not.toBe('');
        }
        expect(pieces.join(' ').split(/\s+/).filter(Boolean)).toEqual(input.split(/\s+/).filter(Boolean));
      }),
    );
  });

  it('cuts a single word longer than a message, and only then', () => {
    const url = `https://example.org/${'a'.repeat(50)}`;
    const pieces = splitMessage(`xem ${url}`, 30);
    expect(pieces.every((p) => p.length <= 30)).toBe(true);
    expect(pieces.join('')).toBe(`xem${url}`);
  });
});
