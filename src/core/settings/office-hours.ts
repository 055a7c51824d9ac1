/**
 * When PN Vietnam's admissions staff answer hand-overs: one setting (OFFICE_HOURS, later
 * changed from the staff console), read here and said in the user's language wherever a
 * flow writes {{officeHours}}. Times are Vietnam time (UTC+7, no daylight saving).
 *
 * Written like `Mon-Fri 08:00-17:00` or `Mon,Wed,Sat 08:00-11:30`.
 */

/** 1 = Monday ... 7 = Sunday (ISO weekday numbers). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OfficeHours {
  days: Weekday[];
  /** "08:00" */
  open: string;
  /** "17:00" */
  close: string;
}

export const DEFAULT_OFFICE_HOURS = 'Mon-Fri 08:00-17:00';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WEEKDAY_KEYS = DAY_NAMES;

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export type OfficeHoursResult = { ok: true; hours: OfficeHours } | { ok: false; error: string };

export function parseOfficeHours(spec: string): OfficeHoursResult {
  const bad = (why: string): OfficeHoursResult => ({ ok: false, error: `${why}; write it like "${DEFAULT_OFFICE_HOURS}"` });
  const [dayPart, timePart, ...rest] = spec.trim().split(/\s+/);
  if (!dayPart || !timePart || rest.length > 0) return bad('needs days and hours');
  const days = new Set<Weekday>();
  for (const piece of dayPart.toLowerCase().split(',')) {
    const [from, to, extra] = piece.split('-');
    const start = dayNumber(from);
    const end = to === undefined ? start : dayNumber(to);
    if (start === undefined || end === undefined || extra !== undefined || end < start) return bad(`"${piece}" is not a day or a range of days (mon ... sun)`);
    for (let day = start; day <= end; day++) days.add(day as Weekday);
  }
  const [open, close, more] = timePart.split('-');
  const openMatch = TIME.exec(open ?? '');
  const closeMatch = TIME.exec(close ?? '');
  if (!openMatch || !closeMatch || more !== undefined) return bad(`"${timePart}" is not a time range like 08:00-17:00`);
  const [o, c] = [pad(openMatch), pad(closeMatch)];
  if (c <= o) return bad(`the closing time ${c} must be after the opening time ${o}`);
  return { ok: true, hours: { days: [...days].sort(), open: o, close: c } };
}

function dayNumber(name: string | undefined): Weekday | undefined {
  const index = DAY_NAMES.indexOf((name ?? '').slice(0, 3) as (typeof DAY_NAMES)[number]);
  return index === -1 || (name ?? '').length < 3 ? undefined : ((index + 1) as Weekday);
}

function pad(match: RegExpExecArray): string {
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? '00'}`;
}

/** The days as runs of consecutive days: Mon-Fri + Sun -> [[1, 5], [7, 7]]. */
export function dayRuns(days: readonly Weekday[]): Array<[Weekday, Weekday]> {
  const runs: Array<[Weekday, Weekday]> = [];
  for (const day of [...days].sort()) {
    const last = runs[runs.length - 1];
    if (last && day === last[1] + 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}
