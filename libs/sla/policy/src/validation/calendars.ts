import { createCalendar } from '@stageplus/sla-calendar';
import type { Calendar, CalendarSpec } from '@stageplus/sla-calendar';
import type { CalendarEntry } from '../loading/policy-schema';
import type { PathSegments } from '../loading/yaml-source';
import { isIsoDate } from './iso-date';
import type { IssueList } from './issue-list';
import { readOpeningWeek } from './opening-week';

export interface PolicyCalendars {
  readonly specs: Readonly<Record<string, CalendarSpec>>;
  readonly calendars: ReadonlyMap<string, Calendar>;
}

/** Builds every calendar the file defines; a spec the calendar library refuses becomes an issue. */
export function buildCalendars(entries: Readonly<Record<string, CalendarEntry>>, issues: IssueList): PolicyCalendars {
  const specs: Record<string, CalendarSpec> = {};
  const calendars = new Map<string, Calendar>();
  for (const [id, entry] of Object.entries(entries)) {
    const at = ['calendars', id];
    const spec = toCalendarSpec(id, entry, at, issues);
    if (spec === undefined) continue;
    const calendar = tryCreateCalendar(spec, at, issues);
    if (calendar === undefined) continue;
    specs[id] = spec;
    calendars.set(id, calendar);
  }
  return { specs, calendars };
}

function toCalendarSpec(id: string, entry: CalendarEntry, at: PathSegments, issues: IssueList): CalendarSpec | undefined {
  if (entry.type === '24x7') return { kind: '24x7', id };
  const week = readOpeningWeek(entry.week, [...at, 'week'], issues);
  const closures = entry.closures ?? [];
  const badClosures = closures.filter((closure, i) => !checkClosureDate(closure.date, [...at, 'closures', i, 'date'], issues));
  if (week === undefined || badClosures.length > 0) return undefined;
  return {
    kind: 'business',
    id,
    timeZone: entry.timeZone,
    week,
    ...(entry.holidays ? { holidays: entry.holidays } : {}),
    closures,
  };
}

function checkClosureDate(date: string, at: PathSegments, issues: IssueList): boolean {
  if (isIsoDate(date)) return true;
  issues.add(at, 'POLICY.INVALID_DATE', `"${date}" is not a date: write YYYY-MM-DD, e.g. 2026-12-26`);
  return false;
}

/** Where in a calendar entry each calendar error code points, for the line number. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  'CALENDAR.INVALID_ZONE': 'timeZone',
  'CALENDAR.INVALID_WEEKDAY': 'week',
  'CALENDAR.INVALID_TIME': 'week',
  'CALENDAR.INVALID_RANGE': 'week',
  'CALENDAR.OVERLAPPING_RANGES': 'week',
  'CALENDAR.NEVER_OPEN': 'week',
  'CALENDAR.INVALID_CLOSURE': 'closures',
  'CALENDAR.INVALID_HOLIDAY_SOURCE': 'holidays',
};

function tryCreateCalendar(spec: CalendarSpec, at: PathSegments, issues: IssueList): Calendar | undefined {
  try {
    return createCalendar(spec);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const code = (error as { code?: unknown }).code;
    const field = typeof code === 'string' ? FIELD_OF_CODE[code] : undefined;
    issues.add(field ? [...at, field] : at, 'POLICY.INVALID_CALENDAR', `calendar "${spec.id}" is refused: ${error.message}`);
    return undefined;
  }
}
