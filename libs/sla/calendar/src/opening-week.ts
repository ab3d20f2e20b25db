import type { OpeningRange, Weekday } from './calendar';
import { CalendarError } from './calendar-error';

/** A local opening range in minutes after local midnight, `[from, to)`, `to <= 1440`. */
export interface MinuteRange {
  readonly from: number;
  readonly to: number;
}

/** Opening ranges per weekday, indexed like `Date#getUTCDay` (0 = Sunday), sorted. */
export type OpeningWeek = readonly (readonly MinuteRange[])[];

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;
const END_OF_DAY = 24 * 60;

function parseTime(text: string, weekday: Weekday, allowEndOfDay: boolean): number {
  const match = TIME_PATTERN.exec(text);
  const minutes = match === null ? NaN : Number(match[1]) * 60 + Number(match[2]);
  const valid = match !== null && Number(match[2]) < 60 && (minutes < END_OF_DAY || (allowEndOfDay && minutes === END_OF_DAY));
  if (!valid) {
    throw new CalendarError('CALENDAR.INVALID_TIME', `${weekday}: "${text}" is not a HH:mm time (00:00..23:59, 24:00 as an end)`);
  }
  return minutes;
}

function compileDay(weekday: Weekday, ranges: readonly OpeningRange[]): MinuteRange[] {
  if (!Array.isArray(ranges)) {
    throw new CalendarError('CALENDAR.INVALID_RANGE', `${weekday}: expected a list of { from, to } ranges`);
  }
  const compiled = ranges.map((range) => {
    const from = parseTime(range.from, weekday, false);
    const to = parseTime(range.to, weekday, true);
    if (from >= to) {
      throw new CalendarError('CALENDAR.INVALID_RANGE', `${weekday}: ${range.from}-${range.to} must start before it ends`);
    }
    return { from, to };
  });
  compiled.sort((a, b) => a.from - b.from);
  for (let i = 1; i < compiled.length; i++) {
    if (compiled[i].from < compiled[i - 1].to) {
      throw new CalendarError('CALENDAR.OVERLAPPING_RANGES', `${weekday}: opening ranges overlap`);
    }
  }
  return compiled;
}

/**
 * Validates and compiles the weekly opening ranges. Ranges may touch (`08:00-12:00`,
 * `12:00-16:00`) but not overlap; a range never crosses midnight (use `22:00-24:00` and the next
 * day's `00:00-06:00`, which join into one open stretch).
 *
 * @throws CalendarError `CALENDAR.NEVER_OPEN` for a week without any opening: every deadline on
 *   such a calendar would be searched for forever.
 */
export function compileOpeningWeek(week: Readonly<Partial<Record<Weekday, readonly OpeningRange[]>>>): OpeningWeek {
  if (typeof week !== 'object' || week === null) {
    throw new CalendarError('CALENDAR.NEVER_OPEN', 'week must map weekdays to opening ranges');
  }
  for (const key of Object.keys(week)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw new CalendarError('CALENDAR.INVALID_WEEKDAY', `"${key}" is not one of ${WEEKDAYS.join(', ')}`);
    }
  }
  const compiled = WEEKDAYS.map((weekday) => compileDay(weekday, week[weekday] ?? []));
  if (compiled.every((ranges) => ranges.length === 0)) {
    throw new CalendarError('CALENDAR.NEVER_OPEN', 'the week has no opening range: no deadline could ever be reached');
  }
  return compiled;
}
