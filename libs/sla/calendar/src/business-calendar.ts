import { IANAZone } from 'luxon';
import type { BusinessCalendarSpec, Calendar, CalendarSegment, Interval } from './calendar';
import { assertFinite, CalendarError } from './calendar-error';
import { businessSegments } from './calendar-segments';
import { createClosedDays } from './closed-days';
import { OpenTimeIndex } from './open-time-index';
import { compileOpeningWeek } from './opening-week';
import { addWithPauses, betweenWithPauses } from './pauses';
import { buildYearTable } from './year-table';

/**
 * A calendar open on weekly local opening ranges, closed on whole local holiday and closure days.
 * Arithmetic runs on precomputed per-year interval tables ({@link OpenTimeIndex}); instants and
 * durations are epoch ms and ms, exact to the millisecond.
 */
export class BusinessCalendar implements Calendar {
  readonly id: string;
  private readonly index: OpenTimeIndex;

  /** @throws CalendarError for an invalid zone, week, holiday source or closure. */
  constructor(spec: BusinessCalendarSpec) {
    if (typeof spec.timeZone !== 'string' || !IANAZone.isValidZone(spec.timeZone)) {
      throw new CalendarError('CALENDAR.INVALID_ZONE', `"${spec.timeZone}" is not an IANA time zone`);
    }
    const week = compileOpeningWeek(spec.week);
    const closedDays = createClosedDays(spec.holidays, spec.closures, spec.timeZone);
    this.id = spec.id;
    this.index = new OpenTimeIndex((year) => buildYearTable(year, { timeZone: spec.timeZone, week, closedDays }));
  }

  businessTimeBetween(from: number, to: number, pauses?: readonly Interval[]): number {
    assertFinite('from and to', from, to);
    if (pauses === undefined || pauses.length === 0) return this.index.between(from, to);
    return betweenWithPauses(this.index, from, to, pauses);
  }

  /**
   * @returns the deadline in epoch ms; `Infinity` when an open-ended pause starts before it.
   * @throws CalendarError `CALENDAR.INVALID_ARGUMENT` for a non-finite start or a negative or
   *   non-finite duration, `CALENDAR.OUT_OF_RANGE` past the last supported year.
   */
  addBusinessTime(start: number, duration: number, pauses?: readonly Interval[]): number {
    if (!Number.isFinite(start) || !Number.isFinite(duration) || duration < 0) {
      throw new CalendarError('CALENDAR.INVALID_ARGUMENT', `need a finite start and duration >= 0, got ${start}, ${duration}`);
    }
    if (duration === 0) return start;
    if (pauses === undefined || pauses.length === 0) return this.index.add(start, duration);
    return addWithPauses(this.index, start, duration, pauses);
  }

  segments(from: number, to: number): CalendarSegment[] {
    assertFinite('from and to', from, to);
    return businessSegments(this.index, from, to);
  }
}
