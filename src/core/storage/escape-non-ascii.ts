/**
 * Text that is ASCII to the byte, for files read back as latin1 (one byte a character, no
 * UTF-8 decoding): the compiled artefacts' JSON (packJson) and the one-file bot build
 * (scripts/bundle.ts). Every character past ASCII becomes a \u escape, which means the same
 * character inside a JSON string, a JavaScript string and a regular-expression literal (with
 * or without the u flag); astral characters become their two surrogate escapes.
 *
 * Only for text where a non-ASCII character stands inside a string or a regular expression.
 * An odd run of backslashes before one (`\’`, an identity escape in a regular expression)
 * loses its last backslash, so the character is escaped once and not turned into an escaped
 * backslash; JSON never writes one (its backslashes before such a character come in pairs).
 */
export function escapeNonAscii(text: string): string {
  return text.replace(/(\\*)([\u0080-\uffff])/g, (_match, slashes: string, char: string) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
