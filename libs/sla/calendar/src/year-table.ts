import { DateTime } from 'luxon';
import type { HolidayLabels } from './calendar';
import type { ClosedDaysOfYear } from './closed-days';
import { daysInYear, plainDate, type PlainDate } from './local-dates';
import type { MinuteRange, OpeningWeek } from './opening-week';

/** A whole closed local day, for segments. */
export interface ClosedDay {
  readonly from: number;
  readonly to: number;
  readonly labels: HolidayLabels;
}

/** Width of the lookup buckets: one hour, of real time or of open time. */
export const BUCKET_MS = 3_600_000;

/**
 * The open intervals of one local year as flat epoch-ms arrays, built once and then searched
 * without luxon. Interval `i` is `[starts[i], ends[i])`; `cumulativeEnds[i]` is the open ms of the
 * year up to `ends[i]`. Intervals are sorted, disjoint and never touch (touching ones are joined).
 *
 * Two bucket indexes narrow every search to the few intervals of one hour:
 * `startsBefore[b]` counts the intervals starting before `start + b * BUCKET_MS`, and
 * `reachingOpen[c]` is the first interval whose `cumulativeEnds` reaches `c * BUCKET_MS` of open
 * time (the last interval when none does).
 */
export interface YearTable {
  readonly year: number;
  /** Local January 1st 00:00 of `year`, and of `year + 1`. */
  readonly start: number;
  readonly end: number;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly cumulativeEnds: Float64Array;
  readonly startsBefore: Int32Array;
  readonly reachingOpen: Int32Array;
  /** Open ms in the whole year. */
  readonly total: number;
  readonly closedDays: readonly ClosedDay[];
}

/** What a year is built from: the zone, the week and the closed days. */
export interface YearRules {
  readonly timeZone: string;
  readonly week: OpeningWeek;
  readonly closedDays: ClosedDaysOfYear;
}

/**
 * A local wall time as an instant, with the zone's rules of that date. A wall time skipped by
 * spring forward (02:30 on 2026-03-08 in Toronto) moves forward by the gap as luxon does (03:30
 * EDT); an ambiguous one on fall back (01:30 on 2026-11-01) takes the first occurrence (EDT).
 */
function wallTime(date: PlainDate, minutes: number, timeZone: string): number {
  const { year, month, day } = date;
  const hour = Math.floor(minutes / 60);
  return DateTime.fromObject({ year, month, day, hour, minute: minutes % 60 }, { zone: timeZone }).toMillis();
}

/** Day `[dayStart, dayEnd)` intervals of the ranges, clamped and unioned (luxon's DST shifts can reorder them). */
function dayIntervals(date: PlainDate, ranges: readonly MinuteRange[], dayStart: number, dayEnd: number, timeZone: string): number[][] {
  const raw = ranges
    .map(({ from, to }) => [
      Math.max(dayStart, wallTime(date, from, timeZone)),
      to === 1440 ? dayEnd : Math.min(dayEnd, wallTime(date, to, timeZone)),
    ])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: number[][] = [];
  for (const interval of raw) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push(interval);
  }
  return merged;
}

/** `index[k]` = the first `i` with `values[i] >= origin + k * BUCKET_MS` (or `fallback`), `k <= span / BUCKET_MS + 1`. */
function bucketIndex(values: Float64Array, origin: number, span: number, fallback: number): Int32Array {
  const index = new Int32Array(Math.floor(span / BUCKET_MS) + 2);
  let i = 0;
  for (let k = 0; k < index.length; k++) {
    while (i < values.length && values[i] < origin + k * BUCKET_MS) i++;
    index[k] = i < values.length ? i : fallback;
  }
  return index;
}

function toTable(year: number, midnights: number[], intervals: number[][], closedDays: ClosedDay[]): YearTable {
  const count = intervals.length;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  const cumulativeEnds = new Float64Array(count);
  let total = 0;
  intervals.forEach(([from, to], i) => {
    starts[i] = from;
    ends[i] = to;
    total += to - from;
    cumulativeEnds[i] = total;
  });
  const start = midnights[0];
  const end = midnights[midnights.length - 1];
  const startsBefore = bucketIndex(starts, start, end - start, count);
  const reachingOpen = bucketIndex(cumulativeEnds, 0, total, count - 1);
  return { year, start, end, starts, ends, cumulativeEnds, startsBefore, reachingOpen, total, closedDays };
}

/** Builds the open intervals of local `year`: opening ranges of each day not closed, in instants. */
export function buildYearTable(year: number, rules: YearRules): YearTable {
  const { timeZone, week } = rules;
  const closed = rules.closedDays(year);
  const dayCount = daysInYear(year);
  const dates = Array.from({ length: dayCount + 1 }, (_, i) => plainDate(year, 1, 1, i));
  const midnights = dates.map((date) => wallTime(date, 0, timeZone));
  const intervals: number[][] = [];
  const closedDays: ClosedDay[] = [];
  for (let i = 0; i < dayCount; i++) {
    const labels = closed.get(dates[i].iso);
    if (labels !== undefined) {
      closedDays.push({ from: midnights[i], to: midnights[i + 1], labels });
      continue;
    }
    for (const interval of dayIntervals(dates[i], week[dates[i].weekday], midnights[i], midnights[i + 1], timeZone)) {
      const last = intervals[intervals.length - 1];
      if (last !== undefined && last[1] === interval[0]) last[1] = interval[1];
      else intervals.push(interval);
    }
  }
  return toTable(year, midnights, intervals, closedDays);
}
