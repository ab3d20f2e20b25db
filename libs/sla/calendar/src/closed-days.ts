import Holidays, { type HolidaysTypes } from 'date-holidays';
import type { Closure, HolidayLabels, HolidaySource } from './calendar';
import { CalendarError } from './calendar-error';
import { parsePlainDate, plainDate } from './local-dates';

/** Local dates (`YYYY-MM-DD`) closed for the whole day, with the holiday or closure name in French and English. */
export type ClosedDays = ReadonlyMap<string, HolidayLabels>;

/** The closed days of one local year. */
export type ClosedDaysOfYear = (year: number) => ClosedDays;

const HOLIDAY_TYPES: readonly HolidaysTypes.HolidayType[] = ['public', 'bank', 'optional', 'school', 'observance'];
const DAY_MS = 86_400_000;

/** Quebec law moves these holidays to the Monday when they fall on a Sunday; date-holidays does not. */
const QUEBEC_SUNDAY_SUBSTITUTIONS: readonly { holiday: string; monday: string }[] = [
  { holiday: '06-24', monday: '06-25' },
  { holiday: '07-01', monday: '07-02' },
];

function joinName(existing: string, name: string): string {
  return existing.split(' / ').includes(name) ? existing : `${existing} / ${name}`;
}

function addClosure(days: Map<string, HolidayLabels>, iso: string, labels: HolidayLabels): void {
  const existing = days.get(iso);
  days.set(iso, existing === undefined ? labels : { fr: joinName(existing.fr, labels.fr), en: joinName(existing.en, labels.en) });
}

/**
 * A year's holidays with their names in French and English. date-holidays names them in the
 * country's first language (English for CA); both lists come from the same rules, in the same
 * order, so they pair up one to one.
 */
function bilingualHolidays(holidays: Holidays, year: number): { holiday: HolidaysTypes.Holiday; labels: HolidayLabels }[] {
  const fr = holidays.getHolidays(year, 'fr');
  const en = holidays.getHolidays(year, 'en');
  return fr.map((holiday, i) => {
    const english = en[i]?.date === holiday.date ? en[i].name : holiday.name;
    return { holiday, labels: { fr: holiday.name, en: english } };
  });
}

function createHolidays(source: HolidaySource, timeZone: string): Holidays {
  const countries = new Holidays().getCountries();
  const regions = countries[source.country] === undefined ? undefined : new Holidays().getStates(source.country);
  // date-holidays silently returns no holidays for an unknown country and the country's for an unknown region.
  if (regions === undefined || (source.region !== undefined && regions[source.region] === undefined)) {
    throw new CalendarError('CALENDAR.INVALID_HOLIDAY_SOURCE', `date-holidays has no ${source.country}/${source.region ?? '-'}`);
  }
  const types = source.types ?? ['public'];
  const unknown = types.filter((type) => !(HOLIDAY_TYPES as readonly string[]).includes(type));
  if (types.length === 0 || unknown.length > 0) {
    throw new CalendarError('CALENDAR.INVALID_HOLIDAY_SOURCE', `holiday types must be among ${HOLIDAY_TYPES.join(', ')}`);
  }
  // Without `timezone` date-holidays computes CA/QC in America/Blanc-Sablon (no DST).
  const options = { types: types as HolidaysTypes.HolidayType[], timezone: timeZone };
  return source.region === undefined
    ? new Holidays(source.country, options)
    : new Holidays(source.country, source.region, options);
}

/**
 * The local dates a date-holidays holiday closes: its local date (the first 10 characters of
 * `date`, already in the calendar's zone), and the following ones for a multi-day holiday.
 * A holiday that starts at 18:00 (Halloween-style) still closes its whole local day.
 */
function holidayDates(holiday: HolidaysTypes.Holiday): string[] {
  const first = parsePlainDate(holiday.date.slice(0, 10));
  if (first === undefined) return [];
  const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
  return Array.from({ length: days }, (_, offset) => plainDate(first.year, first.month, first.day, offset).iso);
}

function applyQuebecSundaySubstitutions(year: number, days: Map<string, HolidayLabels>): void {
  for (const { holiday, monday } of QUEBEC_SUNDAY_SUBSTITUTIONS) {
    const sunday = `${year}-${holiday}`;
    const name = days.get(sunday);
    const onSunday = parsePlainDate(sunday)?.weekday === 0;
    if (onSunday && name !== undefined && !days.has(`${year}-${monday}`)) {
      addClosure(days, `${year}-${monday}`, { fr: `${name.fr} (congé reporté)`, en: `${name.en} (observed)` });
    }
  }
}

function compileClosures(closures: readonly Closure[]): readonly Closure[] {
  for (const closure of closures) {
    if (typeof closure.date !== 'string' || parsePlainDate(closure.date) === undefined) {
      throw new CalendarError('CALENDAR.INVALID_CLOSURE', `"${closure.date}" is not a YYYY-MM-DD date`);
    }
    if (typeof closure.name !== 'string' || closure.name.trim() === '') {
      throw new CalendarError('CALENDAR.INVALID_CLOSURE', `closure ${closure.date} needs a name`);
    }
  }
  return [...closures];
}

/**
 * Validates the holiday source and closures, and returns the closed days per local year:
 * holidays of the configured types, the Quebec Sunday substitutions when asked for (the Sunday
 * stays a holiday, the Monday is added unless date-holidays already lists it), and the closures.
 */
export function createClosedDays(
  source: HolidaySource | undefined,
  closures: readonly Closure[] | undefined,
  timeZone: string,
): ClosedDaysOfYear {
  const holidays = source === undefined ? undefined : createHolidays(source, timeZone);
  const types = new Set<string>(source?.types ?? ['public']);
  const configured = compileClosures(closures ?? []);
  return (year) => {
    const days = new Map<string, HolidayLabels>();
    // The previous year's list too: a multi-day holiday may run into this year.
    const listed = holidays === undefined ? [] : [...bilingualHolidays(holidays, year - 1), ...bilingualHolidays(holidays, year)];
    for (const { holiday, labels } of listed) {
      if (!types.has(holiday.type)) continue;
      for (const iso of holidayDates(holiday)) {
        if (iso.startsWith(`${year}-`)) addClosure(days, iso, labels);
      }
    }
    if (source?.quebecSundaySubstitutions === true) applyQuebecSundaySubstitutions(year, days);
    for (const closure of configured) {
      if (closure.date.startsWith(`${year}-`)) addClosure(days, closure.date, { fr: closure.name, en: closure.name });
    }
    return days;
  };
}
