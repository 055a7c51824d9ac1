/**
 * Shortens a text to at most `max` characters at a word boundary, with an ellipsis:
 * Teams shows an Adaptive Card button on one line and would otherwise cut it anywhere.
 */
export function shortenAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  // The room ends on a whole word when a space follows it; otherwise back up to the last space.
  const lastSpace = clean[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
  // A single word longer than the room (a URL, a code) is cut where it must be.
  const kept = lastSpace > 0 ? room.slice(0, lastSpace) : room;
  return `${kept.replace(/[\s,;:.\-–(]+$/, '')}…`;
}
