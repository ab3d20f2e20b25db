import type { AlwaysOpenCalendarSpec, Calendar, CalendarSegment, Interval } from './calendar';
import { assertFinite, CalendarError } from './calendar-error';
import { addWithPauses, betweenWithPauses, type UnpausedClock } from './pauses';

/**
 * Real elapsed time. No zone is involved, so DST cannot bend it: a 4h clock that crosses the
 * spring-forward change still lasts 4 real hours (the PLUS P1 clocks).
 */
const elapsed: UnpausedClock = {
  between: (from, to) => (to > from ? to - from : 0),
  add: (start, duration) => start + duration,
};

/** The `24x7` calendar: every instant counts, no holidays; only pauses subtract. */
export class AlwaysOpenCalendar implements Calendar {
  readonly id: string;

  constructor(spec: AlwaysOpenCalendarSpec) {
    this.id = spec.id;
  }

  businessTimeBetween(from: number, to: number, pauses?: readonly Interval[]): number {
    assertFinite('from and to', from, to);
    if (pauses === undefined || pauses.length === 0) return elapsed.between(from, to);
    return betweenWithPauses(elapsed, from, to, pauses);
  }

  addBusinessTime(start: number, duration: number, pauses?: readonly Interval[]): number {
    assertFinite('start and duration', start, duration);
    if (duration < 0) throw new CalendarError('CALENDAR.INVALID_ARGUMENT', `duration must be >= 0, got ${duration}`);
    if (duration === 0) return start;
    if (pauses === undefined || pauses.length === 0) return start + duration;
    return addWithPauses(elapsed, start, duration, pauses);
  }

  segments(from: number, to: number): CalendarSegment[] {
    assertFinite('from and to', from, to);
    return to > from ? [{ from, to, kind: 'open' }] : [];
  }
}
