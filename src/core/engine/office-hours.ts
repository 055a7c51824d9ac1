/**
 * Office hours for hand-over, in Vietnam time (UTC+7 all year: no daylight saving), so
 * the arithmetic needs no time-zone database: shift the clock by seven hours and read
 * the UTC fields.
 */
import type { OfficeHours } from './controls-schema';

const VIETNAM_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** ISO weekday (1 = Monday) and minute of the day, in Vietnam. */
function vietnamClock(at: Date): { weekday: number; minute: number; dayStart: number } {
  const shifted = at.getTime() + VIETNAM_OFFSET_MS;
  const day = new Date(shifted);
  const weekday = ((day.getUTCDay() + 6) % 7) + 1;
  const dayStart = shifted - (shifted % DAY_MS);
  return { weekday, minute: day.getUTCHours() * 60 + day.getUTCMinutes(), dayStart };
}

export function isWithinOfficeHours(at: Date, hours: OfficeHours): boolean {
  const { weekday, minute } = vietnamClock(at);
  return hours.days.includes(weekday) && minute >= minutesOf(hours.open) && minute < minutesOf(hours.close);
}

/** When staff next start answering (at or after `at`): the start of the next office day. */
export function nextOpening(at: Date, hours: OfficeHours): Date {
  const { weekday, minute, dayStart } = vietnamClock(at);
  const start = minutesOf(hours.open);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = ((weekday - 1 + ahead) % 7) + 1;
    if (!hours.days.includes(day)) continue;
    if (ahead === 0 && minute >= start) continue;
    return new Date(dayStart + ahead * DAY_MS + start * 60_000 - VIETNAM_OFFSET_MS);
  }
  // Unreachable with at least one day (the schema requires one): a week later.
  return new Date(at.getTime() + 7 * DAY_MS);
}
