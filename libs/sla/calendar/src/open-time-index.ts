import { CalendarError } from './calendar-error';
import type { UnpausedClock } from './pauses';
import { BUCKET_MS, type YearTable } from './year-table';

/**
 * Years the business calendar builds tables for. Tables are built lazily, one per local year;
 * the bound keeps a runaway duration from building centuries of them, and zone rules and holiday
 * data outside it are guesswork anyway.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;

const AVERAGE_YEAR_MS = 365.2425 * 86_400_000;
const FIRST_YEAR_UTC = Date.UTC(FIRST_YEAR, 0, 1);

/**
 * Open ms of `table` in `[table.start, t)`; `t` within the table's year. The hour bucket of `t`
 * bounds the intervals that can start at or before it; a binary search finishes. No allocation.
 */
function openBefore(table: YearTable, t: number): number {
  const starts = table.starts;
  const bucket = Math.floor((t - table.start) / BUCKET_MS);
  let lo = table.startsBefore[bucket];
  let hi = table.startsBefore[bucket + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  const end = table.ends[lo - 1];
  const cumulative = table.cumulativeEnds[lo - 1];
  return t >= end ? cumulative : cumulative - (end - t);
}

/** The earliest instant of `table` with `target` open ms before it; `0 < target <= table.total`. */
function instantAfterOpen(table: YearTable, target: number): number {
  const cumulativeEnds = table.cumulativeEnds;
  const bucket = Math.floor(target / BUCKET_MS);
  let lo = table.reachingOpen[bucket];
  let hi = table.reachingOpen[bucket + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulativeEnds[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return table.ends[lo] - (cumulativeEnds[lo] - target);
}

/**
 * The hot path of the business calendar: business time as differences of a cumulative function,
 * year by year, over precomputed interval tables. Luxon is only used (through `build`) the first
 * time a year is touched.
 */
export class OpenTimeIndex implements UnpausedClock {
  private readonly tables: (YearTable | undefined)[] = new Array(LAST_YEAR - FIRST_YEAR + 1).fill(undefined);

  constructor(private readonly build: (year: number) => YearTable) {}

  /** The table of local `year`, built on first use. */
  table(year: number): YearTable {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new CalendarError('CALENDAR.OUT_OF_RANGE', `year ${year} is outside ${FIRST_YEAR}..${LAST_YEAR}`);
    }
    let table = this.tables[year - FIRST_YEAR];
    if (table === undefined) {
      table = this.build(year);
      this.tables[year - FIRST_YEAR] = table;
    }
    return table;
  }

  /**
   * The table of the local year containing instant `t`. The average Gregorian year guesses it
   * right except within about a day of New Year; the guess is checked, then corrected.
   */
  tableAt(t: number): YearTable {
    const guess = this.tables[Math.floor((t - FIRST_YEAR_UTC) / AVERAGE_YEAR_MS)];
    if (guess !== undefined && t >= guess.start && t < guess.end) return guess;
    let table = this.table(FIRST_YEAR + Math.floor((t - FIRST_YEAR_UTC) / AVERAGE_YEAR_MS));
    while (t < table.start) table = this.table(table.year - 1);
    while (t >= table.end) table = this.table(table.year + 1);
    return table;
  }

  between(from: number, to: number): number {
    if (!(to > from)) return 0;
    const first = this.tableAt(from);
    const before = openBefore(first, from);
    if (to < first.end) return openBefore(first, to) - before;
    let sum = first.total - before;
    let table = this.table(first.year + 1);
    while (to >= table.end) {
      sum += table.total;
      table = this.table(table.year + 1);
    }
    return sum + openBefore(table, to);
  }

  add(start: number, duration: number): number {
    let table = this.tableAt(start);
    let target = openBefore(table, start) + duration;
    while (target > table.total) {
      target -= table.total;
      table = this.table(table.year + 1);
    }
    return instantAfterOpen(table, target);
  }
}
