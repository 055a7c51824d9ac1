/**
 * Sorts an incoming message before matching: nothing to read, only emoji or
 * symbols, only an attachment, or text (cut to the configured length so a
 * pasted essay cannot slow matching down).
 */
export type PreparedInput =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'empty' }
  | { kind: 'noWords' }
  | { kind: 'attachmentOnly' };

export function prepareInput(text: string | undefined, hasAttachments: boolean, maxLength: number): PreparedInput {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return hasAttachments ? { kind: 'attachmentOnly' } : { kind: 'empty' };
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return { kind: 'noWords' };
  // Code points, not UTF-16 units, so an emoji at the cut is not split in half.
  const codePoints = Array.from(trimmed);
  if (codePoints.length <= maxLength) return { kind: 'text', text: trimmed, truncated: false };
  return { kind: 'text', text: codePoints.slice(0, maxLength).join(''), truncated: true };
}
