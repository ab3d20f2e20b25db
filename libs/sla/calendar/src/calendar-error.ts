/**
 * Stable codes of {@link CalendarError}. Adapters map them (a bad policy file stops the process,
 * a bad argument is a programming error); the code never changes with the message wording.
 */
export type CalendarErrorCode =
  | 'CALENDAR.INVALID_KIND'
  | 'CALENDAR.INVALID_ID'
  | 'CALENDAR.INVALID_ZONE'
  | 'CALENDAR.INVALID_WEEKDAY'
  | 'CALENDAR.INVALID_TIME'
  | 'CALENDAR.INVALID_RANGE'
  | 'CALENDAR.OVERLAPPING_RANGES'
  | 'CALENDAR.NEVER_OPEN'
  | 'CALENDAR.INVALID_CLOSURE'
  | 'CALENDAR.INVALID_HOLIDAY_SOURCE'
  | 'CALENDAR.INVALID_ARGUMENT'
  | 'CALENDAR.INVALID_PAUSES'
  | 'CALENDAR.OUT_OF_RANGE';

/** A calendar spec or a calendar call was invalid. `code` is stable; `message` is for humans. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Throws `CALENDAR.INVALID_ARGUMENT` unless every value is a finite number of milliseconds. */
export function assertFinite(what: string, ...values: number[]): void {
  for (const value of values) {
    if (!Number.isFinite(value)) {
      throw new CalendarError('CALENDAR.INVALID_ARGUMENT', `${what} must be a finite number of ms, got ${value}`);
    }
  }
}
