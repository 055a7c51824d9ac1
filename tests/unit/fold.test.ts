import fc from 'fast-check';
import { foldPhrase } from '../../src/core/conversation/fold';
import { foldDiacritics } from '../../src/core/language/normalize';

describe('foldPhrase', () => {
  // Plain ASCII takes a shorter path: it must give what the full one gives.
  it('folds ASCII as the full Unicode path does', () => {
    const fullPath = (text: string) =>
      foldDiacritics(text.normalize('NFC').toLowerCase())
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 40 }), fc.string()), (text) => foldPhrase(text) === fullPath(text)), { numRuns: 5000 });
    expect(foldPhrase('  Tiếng VIỆT!! ')).toBe('tieng viet');
    expect(foldPhrase('Menu?? AZ-900')).toBe('menu az 900');
  });
});
