/**
 * Plain local dates (`YYYY-MM-DD`, no zone) computed with UTC date arithmetic: a date has no
 * instant until a zone is applied, and this arithmetic never touches the wall clock or DST.
 */

/** A calendar date with its weekday, `weekday` 0 = Sunday ... 6 = Saturday. */
export interface PlainDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly iso: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The plain date `dayOffset` days after `year-month-day` (offsets roll over months and years). */
export function plainDate(year: number, month: number, day: number, dayOffset = 0): PlainDate {
  const utc = new Date(Date.UTC(year, month - 1, day + dayOffset));
  const y = utc.getUTCFullYear();
  const m = utc.getUTCMonth() + 1;
  const d = utc.getUTCDate();
  return { year: y, month: m, day: d, weekday: utc.getUTCDay(), iso: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` };
}

/** Parses `YYYY-MM-DD`; `undefined` unless it is a real date (no `2026-02-30`). */
export function parsePlainDate(iso: string): PlainDate | undefined {
  const match = DATE_PATTERN.exec(iso);
  if (match === null) return undefined;
  const date = plainDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return date.iso === iso ? date : undefined;
}

/** Number of days in a year of the proleptic Gregorian calendar. */
export function daysInYear(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
}
