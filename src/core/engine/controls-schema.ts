/**
 * Controls for a bad day (issue 19): what staff switch from the console and every
 * instance follows at once. An entry or a whole area switched off is never answered,
 * suggested or listed; "hand-over only" sends every question to a person; office
 * hours say when staff answer a hand-over. Plain data, validated with zod where it
 * comes in (the staff API, the shared store).
 */
import { z } from 'zod';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const officeHoursSchema = z
  .object({
    /** ISO weekdays staff answer on: 1 = Monday ... 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    /** Vietnam time (UTC+7, no daylight saving), "HH:MM"; the shape of OFFICE_HOURS (src/core/settings/office-hours.ts). */
    open: z.string().regex(TIME),
    close: z.string().regex(TIME),
  })
  .refine((hours) => hours.open < hours.close, { message: 'open must be before close', path: ['close'] });

export const botControlsSchema = z.object({
  disabledEntries: z.array(z.string().min(1).max(200)).max(10_000).default([]),
  disabledAreas: z.array(z.string().min(1).max(50)).max(100).default([]),
  handoverOnly: z.boolean().default(false),
  /** Absent: hand-overs are not limited to office hours. */
  officeHours: officeHoursSchema.optional(),
});

export type OfficeHours = z.infer<typeof officeHoursSchema>;
export type BotControls = z.infer<typeof botControlsSchema>;

export const NO_CONTROLS: BotControls = { disabledEntries: [], disabledAreas: [], handoverOnly: false };

/** True when the entry, or its whole area, is switched off. */
export function isSwitchedOff(controls: BotControls, entry: { id: string; area: string }): boolean {
  return controls.disabledEntries.includes(entry.id) || controls.disabledAreas.includes(entry.area);
}
