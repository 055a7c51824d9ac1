/**
 * Questions staff dismissed from the inbox ("nothing to do"): kept in shared settings
 * with who and when, so the question stays out of every instance's inbox. A question is
 * known by its text, lower-cased with spaces collapsed: the same words asked again stay
 * dismissed, a new wording comes back.
 */
import { z } from 'zod';

export const MAX_DISMISSALS = 5000;

export const dismissalsSchema = z.object({
  items: z
    .array(z.object({ key: z.string().max(2000), actor: z.string().max(300), at: z.string().max(40) }))
    .max(MAX_DISMISSALS)
    .default([]),
});
export type Dismissals = z.infer<typeof dismissalsSchema>;

export const NO_DISMISSALS: Dismissals = { items: [] };

export const questionKey = (text: string): string => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 2000);

/** The dismissals with these questions added (newest last; the oldest drop out past the limit). */
export function dismiss(current: Dismissals, texts: readonly string[], actor: string, at: Date): Dismissals {
  const keys = new Set(texts.map(questionKey));
  const kept = current.items.filter((item) => !keys.has(item.key));
  const added = [...keys].map((key) => ({ key, actor, at: at.toISOString() }));
  return { items: [...kept, ...added].slice(-MAX_DISMISSALS) };
}
