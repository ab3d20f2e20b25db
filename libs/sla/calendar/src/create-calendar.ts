import { AlwaysOpenCalendar } from './always-open-calendar';
import { BusinessCalendar } from './business-calendar';
import type { BusinessCalendarSpec, Calendar, CalendarSpec } from './calendar';
import { CalendarError } from './calendar-error';

/**
 * Builds a calendar from its spec, validating it completely: a calendar that is created works for
 * every instant of its supported years, so configuration errors surface at startup.
 *
 * @throws CalendarError with a stable `code` (`CALENDAR.INVALID_ZONE`, `CALENDAR.INVALID_TIME`,
 *   `CALENDAR.INVALID_RANGE`, `CALENDAR.OVERLAPPING_RANGES`, `CALENDAR.INVALID_CLOSURE`,
 *   `CALENDAR.NEVER_OPEN`, ...).
 */
export function createCalendar(spec: CalendarSpec): Calendar {
  if (typeof spec.id !== 'string' || spec.id.trim() === '') {
    throw new CalendarError('CALENDAR.INVALID_ID', 'a calendar needs a non-empty id');
  }
  const kind = spec.kind;
  switch (kind) {
    case '24x7':
      return new AlwaysOpenCalendar(spec);
    case 'business':
      return new BusinessCalendar(spec);
    default: {
      const unknown: never = kind;
      throw new CalendarError('CALENDAR.INVALID_KIND', `unknown calendar kind "${String(unknown)}"`);
    }
  }
}

/**
 * The STAGE+ contract's business calendar: Monday to Friday 08:30-16:30 in `America/Toronto`,
 * closed on Quebec public holidays with the Sunday substitutions of Quebec law.
 */
export const stagePlusBusinessCalendarSpec: BusinessCalendarSpec = {
  kind: 'business',
  id: 'business',
  timeZone: 'America/Toronto',
  week: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [day, [{ from: '08:30', to: '16:30' }]]),
  ),
  holidays: { country: 'CA', region: 'QC', types: ['public'], quebecSundaySubstitutions: true },
};
