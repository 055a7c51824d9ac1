/**
 * The one escaping of non-ASCII text (src/core/storage/escape-non-ascii.ts), used by the
 * compiled artefacts' JSON and the one-file build: whatever goes in comes back the same
 * through JSON.parse, a JavaScript literal or a latin1 file, and what comes out is ASCII.
 */
import { isAscii as bytesAreAscii } from 'node:buffer';
import fc from 'fast-check';
import { escapeNonAscii } from '../../../src/core/storage/escape-non-ascii';

const isAscii = (text: string): boolean => bytesAreAscii(Buffer.from(text, 'utf8'));
// Every UTF-16 code unit, lone surrogates included, and text that is mostly Vietnamese.
const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'aăâđêôơưáàảãạ ếềểễệ\\"’😀\n'.split('')) }));

it('any string survives JSON, escaped, through JSON.parse and a latin1 read', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const escaped = escapeNonAscii(JSON.stringify({ text }));
      expect(isAscii(escaped)).toBe(true);
      const read = Buffer.from(escaped, 'latin1').toString('latin1');
      expect((JSON.parse(read) as { text: string }).text).toBe(text);
    }),
  );
});

it('any string literal in code means the same string once escaped', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const code = `return ${JSON.stringify(text)};`;
      const escaped = escapeNonAscii(code);
      expect(isAscii(escaped)).toBe(true);
      expect((new Function(escaped) as () => string)()).toBe(text);
    }),
  );
});

it('a regular-expression literal matches the same text once escaped, identity escapes included', () => {
  const piece = fc.record({ escaped: fc.boolean(), char: fc.integer({ min: 0x80, max: 0xd7ff }).map((code) => String.fromCharCode(code)) });
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.boolean(), (pieces, unicode) => {
      const source = pieces.map(({ escaped, char }) => (escaped ? `\\${char}` : char)).join('');
      const target = pieces.map(({ char }) => char).join('');
      const code = `return /^${source}$/${unicode ? 'u' : ''};`;
      // An identity escape of a non-ASCII character is an error with the u flag: only what parses counts.
      let before: RegExp;
      try {
        before = (new Function(code) as () => RegExp)();
      } catch {
        return;
      }
      const after = (new Function(escapeNonAscii(code)) as () => RegExp)();
      expect(before.test(target)).toBe(true);
      expect(after.test(target)).toBe(true);
      expect(after.source).not.toMatch(/\\\\/);
    }),
  );
});

it('leaves ASCII text as it is', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => expect(escapeNonAscii(text)).toBe(text)));
});
