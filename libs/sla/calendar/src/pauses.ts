import type { Interval } from './calendar';
import { CalendarError } from './calendar-error';

/** Business-time arithmetic of a calendar without pauses, the building block of the paused one. */
export interface UnpausedClock {
  /** Business ms in `[from, to)`, 0 when `to <= from`; both finite. */
  between(from: number, to: number): number;
  /** Earliest `t >= start` with `between(start, t) >= duration`; `duration > 0`, finite. */
  add(start: number, duration: number): number;
}

/**
 * Throws `CALENDAR.INVALID_PAUSES` unless the pauses are sorted, non-overlapping half-open
 * intervals with `from <= to`. Checked on every paused call: a silently wrong deadline costs more
 * than a linear scan of a handful of pauses.
 */
export function assertPauses(pauses: readonly Interval[]): void {
  let previousEnd = -Infinity;
  for (const pause of pauses) {
    const valid = !Number.isNaN(pause.from) && !Number.isNaN(pause.to) && pause.from <= pause.to;
    if (!valid || pause.from < previousEnd) {
      throw new CalendarError(
        'CALENDAR.INVALID_PAUSES',
        `pauses must be sorted, non-overlapping [from, to) intervals; got [${pause.from}, ${pause.to})`,
      );
    }
    previousEnd = pause.to;
  }
}

/** Business time in `[from, to)` minus the business time of the pauses inside it. */
export function betweenWithPauses(
  clock: UnpausedClock,
  from: number,
  to: number,
  pauses: readonly Interval[],
): number {
  assertPauses(pauses);
  let total = clock.between(from, to);
  for (const pause of pauses) {
    if (pause.from >= to) break;
    const overlapFrom = Math.max(from, pause.from);
    const overlapTo = Math.min(to, pause.to);
    if (overlapTo > overlapFrom) total -= clock.between(overlapFrom, overlapTo);
  }
  return total;
}

/**
 * The deadline rule with pauses: walks the gaps between pauses, spending the business time of
 * each gap, and finishes inside the first gap that holds what is left. Elapsed time is flat
 * inside a pause, so the earliest instant is always inside a gap (or at its end).
 *
 * @returns the deadline in epoch ms, or `Infinity` when an open-ended pause (`to: Infinity`)
 *   starts before the duration is reached: a clock paused for good never reaches its target.
 */
export function addWithPauses(
  clock: UnpausedClock,
  start: number,
  duration: number,
  pauses: readonly Interval[],
): number {
  assertPauses(pauses);
  let cursor = start;
  let remaining = duration;
  for (const pause of pauses) {
    if (pause.to <= cursor) continue;
    if (pause.from > cursor) {
      const available = clock.between(cursor, pause.from);
      if (available >= remaining) return clock.add(cursor, remaining);
      remaining -= available;
    }
    cursor = pause.to;
    if (cursor === Infinity) return Infinity;
  }
  return clock.add(cursor, remaining);
}
