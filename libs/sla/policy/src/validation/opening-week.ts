import type { OpeningRange, Weekday } from '@stageplus/sla-calendar';
import type { BusinessCalendarEntry } from '../loading/policy-schema';
import type { PathSegments } from '../loading/yaml-source';
import type { IssueList } from './issue-list';

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const RANGE = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/;

type Week = Partial<Record<Weekday, readonly OpeningRange[]>>;

/**
 * The file's week (`mon..fri: 08:30-16:30`, `sat: [09:00-12:00, 13:00-15:00]`) as calendar
 * opening ranges. Only the notation is read here; the calendar checks the times themselves.
 */
export function readOpeningWeek(week: BusinessCalendarEntry['week'], at: PathSegments, issues: IssueList): Week | undefined {
  const result: Week = {};
  let valid = true;
  for (const [key, hours] of Object.entries(week)) {
    const days = readDays(key);
    const ranges = (Array.isArray(hours) ? hours : [hours]).map(readRange);
    if (days === undefined) {
      issues.add([...at, key], 'POLICY.INVALID_CALENDAR', `"${key}" is not a day: use mon, tue, wed, thu, fri, sat, sun or a range such as mon..fri`);
      valid = false;
    } else if (ranges.some((range) => range === undefined)) {
      issues.add([...at, key], 'POLICY.INVALID_CALENDAR', `opening hours ${JSON.stringify(hours)} must read HH:mm-HH:mm, e.g. 08:30-16:30`);
      valid = false;
    } else {
      valid = assignDays(result, days, ranges as OpeningRange[], [...at, key], issues) && valid;
    }
  }
  return valid ? result : undefined;
}

function assignDays(week: Week, days: readonly Weekday[], ranges: OpeningRange[], at: PathSegments, issues: IssueList): boolean {
  const repeated = days.filter((day) => week[day] !== undefined);
  if (repeated.length > 0) {
    issues.add(at, 'POLICY.INVALID_CALENDAR', `${repeated.join(', ')} already has opening hours: list each day once`);
    return false;
  }
  for (const day of days) week[day] = ranges;
  return true;
}

function readDays(key: string): readonly Weekday[] | undefined {
  const [first, last, ...rest] = key.trim().toLowerCase().split('..');
  const from = WEEKDAYS.indexOf(first as Weekday);
  const to = last === undefined ? from : WEEKDAYS.indexOf(last as Weekday);
  if (rest.length > 0 || from < 0 || to < from) return undefined;
  return WEEKDAYS.slice(from, to + 1);
}

function readRange(text: string): OpeningRange | undefined {
  const match = RANGE.exec(text.trim());
  return match ? { from: match[1].padStart(5, '0'), to: match[2].padStart(5, '0') } : undefined;
}
