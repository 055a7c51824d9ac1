/**
 * Text for channels that print Markdown as raw characters (Messenger, unknown channels):
 * the Markdown the content uses turned into plain text, and long texts cut into messages
 * the channel accepts, between paragraphs, sentences or words, never inside a word.
 */

/**
 * The Markdown the knowledge base and catalogue write (bold, italic, links, headings,
 * inline code, quotes, bullets, backslash escapes) as plain text: `[t](u)` becomes "t: u".
 */
export function markdownToPlain(markdown: string): string {
  return (
    markdown
      .replace(/\r\n?/g, '\n')
      // Links first: their address may hold characters the later rules would read as Markdown.
      .replace(/\[((?:\\.|[^\]\\])+)\]\(([^()\s]+(?:\([^()\s]*\))?[^()\s]*)\)/g, (_m, title: string, url: string) => {
        const plainTitle = unescape(title).trim();
        return plainTitle === url ? url : `${plainTitle}: ${url}`;
      })
      .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
      .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
      .replace(/^([ \t]*)[-*+][ \t]+/gm, '$1• ')
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
      .replace(/__(?=\S)([\s\S]*?\S)__/g, '$1')
      .replace(/(?<![\w*\\])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g, '$1')
      // Not inside words or addresses (snake_case, https://a.b/x_y_z).
      .replace(/(?<![\w/\\])_(?=\S)([^_\n]*?\S)_(?![\w/])/g, '$1')
      .replace(/`([^`\n]+)`/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
  );
}

function unescape(text: string): string {
  return text.replace(/\\([\\[\]])/g, '$1');
}

/** Where a message may be cut, best first: between paragraphs, lines, sentences, then words. */
const BREAKS: readonly RegExp[] = [/\n[ \t]*\n/g, /\n/g, /[.!?…:;][)"'”’»]*[ \t]+/g, /[ \t]+/g];

/**
 * Cuts a text into pieces of at most `max` characters, at the best break that leaves the
 * piece at least half full, else at any break; only a single word longer than `max`
 * (a very long address) is cut inside.
 */
export function splitMessage(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPosition(rest, max);
    const piece = rest.slice(0, cut.end).trimEnd();
    if (piece !== '') pieces.push(piece);
    rest = rest.slice(cut.next).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/** `end`: where the piece ends; `next`: where the rest starts (after the break's spaces). */
function cutPosition(text: string, max: number): { end: number; next: number } {
  let fallback: { end: number; next: number } | undefined;
  for (const pattern of BREAKS) {
    const found = lastBreak(text, max, pattern);
    if (!found) continue;
    if (found.end >= max / 2) return found;
    fallback ??= found;
  }
  if (fallback) return fallback;
  // One word longer than a message: cut it, but not between the halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return { end, next: end };
}

/** The last break whose text before it fits in `max` characters (punctuation kept with its sentence). */
function lastBreak(text: string, max: number, pattern: RegExp): { end: number; next: number } | undefined {
  let best: { end: number; next: number } | undefined;
  const re = new RegExp(pattern.source, 'g');
  const window = text.slice(0, max + 1);
  for (let match = re.exec(window); match !== null; match = re.exec(window)) {
    // A sentence break keeps its punctuation; whitespace breaks drop the spaces.
    const kept = match[0].replace(/\s+$/, '');
    const end = match.index + kept.length;
    if (end > 0 && end <= max) best = { end, next: match.index + match[0].length };
    if (match[0].length === 0) re.lastIndex += 1;
  }
  return best;
}
