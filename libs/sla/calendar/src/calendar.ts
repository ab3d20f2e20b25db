/**
 * A calendar says which instants count as SLA time. All instants are epoch milliseconds (UTC);
 * all durations are milliseconds. Wall-clock times and zones only appear in the specs below.
 */

/** A half-open interval `[from, to)` of epoch milliseconds. */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** Why a stretch of time did or did not count, for explanations. */
export type CalendarSegmentKind = 'open' | 'closed' | 'holiday';

/** A holiday's or closure's name in the two languages of the contract. */
export interface HolidayLabels {
  readonly fr: string;
  readonly en: string;
}

export interface CalendarSegment extends Interval {
  readonly kind: CalendarSegmentKind;
  /** Holiday or closure name (for `holiday`), in French, the contract's language: "Fête nationale du Québec". */
  readonly label?: string;
  /** The same name in both languages (for `holiday`): `{ fr: "Fête nationale du Québec", en: "National Holiday" }`. */
  readonly labels?: HolidayLabels;
}

export interface Calendar {
  /** The id the policy gives this calendar (`business`, `24x7`, a tenant's own). */
  readonly id: string;
  /**
   * Business time in `[from, to)` minus the `pauses` (sorted, non-overlapping, half-open).
   * 0 when `to <= from`.
   */
  businessTimeBetween(from: number, to: number, pauses?: readonly Interval[]): number;
  /**
   * The deadline rule: the earliest instant `t >= start` at which the business time elapsed
   * in `[start, t)`, minus `pauses`, reaches `duration`. `duration = 0` gives `start`.
   * A deadline reached exactly at closing is that closing instant, not the next opening.
   */
  addBusinessTime(start: number, duration: number, pauses?: readonly Interval[]): number;
  /**
   * `[from, to)` cut into open, closed and holiday segments (pauses not applied), in order,
   * adjacent segments of the same kind and label merged. For explanations, not the hot path.
   */
  segments(from: number, to: number): CalendarSegment[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A local wall-clock opening range, `HH:mm` to `HH:mm` (`24:00` allowed as an end). */
export interface OpeningRange {
  readonly from: string;
  readonly to: string;
}

/** Public holidays from the `date-holidays` package, by local date in the calendar's zone. */
export interface HolidaySource {
  /** ISO country code, e.g. `CA`. */
  readonly country: string;
  /** State or province code, e.g. `QC`. */
  readonly region?: string;
  /** date-holidays types to close on; default `['public']`. */
  readonly types?: readonly string[];
  /**
   * Apply the Quebec Sunday substitutions date-holidays lacks: June 24 on a Sunday moves to
   * June 25, July 1 on a Sunday moves to July 2.
   */
  readonly quebecSundaySubstitutions?: boolean;
}

/** A configured closure of a whole local day (e.g. Easter Monday, Dec 26). */
export interface Closure {
  /** Local date `YYYY-MM-DD`. */
  readonly date: string;
  /** The establishment's name for it, shown as is in both languages. */
  readonly name: string;
}

export interface BusinessCalendarSpec {
  readonly kind: 'business';
  readonly id: string;
  /** IANA zone, e.g. `America/Toronto`. */
  readonly timeZone: string;
  /** Opening ranges per weekday; a missing day is closed. */
  readonly week: Readonly<Partial<Record<Weekday, readonly OpeningRange[]>>>;
  readonly holidays?: HolidaySource;
  readonly closures?: readonly Closure[];
}

export interface AlwaysOpenCalendarSpec {
  readonly kind: '24x7';
  readonly id: string;
}

export type CalendarSpec = BusinessCalendarSpec | AlwaysOpenCalendarSpec;
