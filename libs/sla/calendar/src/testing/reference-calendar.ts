import Holidays, { type HolidaysTypes } from 'date-holidays';
import { DateTime } from 'luxon';
import type { BusinessCalendarSpec, Interval, Weekday } from '../calendar';

/**
 * A slow, plain model of the business calendar for property tests: it walks local days with
 * luxon, builds each day's open intervals directly from the spec and sums or spends them one by
 * one. It shares no code with the fast calendar.
 */
export interface ReferenceCalendar {
  between(from: number, to: number, pauses?: readonly Interval[]): number;
  add(start: number, duration: number, pauses?: readonly Interval[]): number;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function closedDates(spec: BusinessCalendarSpec, year: number): Set<string> {
  const dates = new Set((spec.closures ?? []).map((closure) => closure.date));
  const source = spec.holidays;
  if (source === undefined) return dates;
  const types = (source.types ?? ['public']) as HolidaysTypes.HolidayType[];
  const holidays = new Holidays(source.country, source.region ?? '', { types, timezone: spec.timeZone });
  for (const holiday of holidays.getHolidays(year)) {
    if (types.includes(holiday.type)) dates.add(holiday.date.slice(0, 10));
  }
  if (source.quebecSundaySubstitutions === true) {
    for (const [holiday, monday] of [['06-24', '06-25'], ['07-01', '07-02']]) {
      const day = DateTime.fromISO(`${year}-${holiday}`, { zone: spec.timeZone });
      if (day.weekday === 7 && dates.has(`${year}-${holiday}`)) dates.add(`${year}-${monday}`);
    }
  }
  return dates;
}

/** Pieces of `[from, to)` outside every pause. */
function unpaused(from: number, to: number, pauses: readonly Interval[]): Interval[] {
  const pieces: Interval[] = [];
  let cursor = from;
  for (const pause of pauses) {
    if (pause.to <= cursor || pause.from >= to) continue;
    if (pause.from > cursor) pieces.push({ from: cursor, to: pause.from });
    cursor = Math.max(cursor, pause.to);
  }
  if (cursor < to) pieces.push({ from: cursor, to });
  return pieces;
}

function union(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const interval of [...intervals].sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.from <= last.to) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, interval.to) };
    else merged.push(interval);
  }
  return merged;
}

class ReferenceBusinessCalendar implements ReferenceCalendar {
  private readonly closedByYear = new Map<number, Set<string>>();
  private readonly dayCache = new Map<number, Interval[]>();

  constructor(private readonly spec: BusinessCalendarSpec) {}

  between(from: number, to: number, pauses: readonly Interval[] = []): number {
    let total = 0;
    for (let day = this.dayOf(from); day.toMillis() < to; day = this.nextDay(day)) {
      for (const open of this.openIntervals(day)) {
        for (const piece of unpaused(Math.max(open.from, from), Math.min(open.to, to), pauses)) total += piece.to - piece.from;
      }
    }
    return total;
  }

  add(start: number, duration: number, pauses: readonly Interval[] = []): number {
    if (duration === 0) return start;
    const pausedForGood = pauses.find((pause) => pause.to === Infinity);
    let remaining = duration;
    for (let day = this.dayOf(start); ; day = this.nextDay(day)) {
      if (pausedForGood !== undefined && day.toMillis() >= pausedForGood.from) return Infinity;
      for (const open of this.openIntervals(day)) {
        for (const piece of unpaused(Math.max(open.from, start), open.to, pauses)) {
          if (piece.to - piece.from >= remaining) return piece.from + remaining;
          remaining -= piece.to - piece.from;
        }
      }
    }
  }

  private dayOf(t: number): DateTime {
    return DateTime.fromMillis(t, { zone: this.spec.timeZone }).startOf('day');
  }

  private nextDay(day: DateTime): DateTime {
    return day.plus({ days: 1 }).startOf('day');
  }

  private isClosed(day: DateTime): boolean {
    const closed = this.closedByYear.get(day.year) ?? closedDates(this.spec, day.year);
    this.closedByYear.set(day.year, closed);
    return closed.has(day.toISODate() ?? '');
  }

  /** The day's opening ranges as instants, luxon converting each wall time on its own. */
  private openIntervals(day: DateTime): Interval[] {
    const cached = this.dayCache.get(day.toMillis());
    if (cached !== undefined) return cached;
    const dayStart = day.toMillis();
    const dayEnd = this.nextDay(day).toMillis();
    const wall = (hhmm: string) => {
      const m = minutes(hhmm);
      const { year, month, day: dayOfMonth } = day;
      const local = { year, month, day: dayOfMonth, hour: Math.floor(m / 60), minute: m % 60 };
      return m === 1440 ? dayEnd : DateTime.fromObject(local, { zone: this.spec.timeZone }).toMillis();
    };
    const ranges = this.isClosed(day) ? [] : (this.spec.week[WEEKDAYS[day.weekday - 1]] ?? []);
    const intervals = union(
      ranges
        .map((range) => ({ from: Math.max(dayStart, wall(range.from)), to: Math.min(dayEnd, wall(range.to)) }))
        .filter((range) => range.to > range.from),
    );
    this.dayCache.set(day.toMillis(), intervals);
    return intervals;
  }
}

export function referenceCalendar(spec: BusinessCalendarSpec): ReferenceCalendar {
  return new ReferenceBusinessCalendar(spec);
}
