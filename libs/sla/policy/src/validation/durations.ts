import { readDuration } from '../duration/duration';
import { DEFAULT_BUSINESS_DAY_MS } from '../policy-values';
import type { DurationValue } from '../loading/policy-schema';
import type { PathSegments } from '../loading/yaml-source';
import type { IssueList } from './issue-list';

const DAY_MS = 24 * 3_600_000;

/** A target duration in ms, or undefined after reporting why it cannot be one. */
export function checkDuration(value: DurationValue, at: PathSegments, businessDayMs: number, issues: IssueList): number | undefined {
  if (typeof value === 'number') {
    issues.add(at, 'POLICY.INVALID_DURATION', `${value} has no unit: write ${value}h, ${value}min or ${value}j (business days)`);
    return undefined;
  }
  const reading = readDuration(value);
  if (!reading.ok) {
    issues.add(at, 'POLICY.INVALID_DURATION', reading.reason);
    return undefined;
  }
  const ms = reading.parts.days * businessDayMs + reading.parts.ms;
  if (ms <= 0) {
    issues.add(at, 'POLICY.DURATION_NOT_POSITIVE', `"${value}" is zero: a target must be longer than zero`);
    return undefined;
  }
  return ms;
}

/** The length of a business day, in hours and minutes (it cannot be defined in days), 0 < d <= 24h. */
export function checkBusinessDay(value: DurationValue | undefined, issues: IssueList): number | undefined {
  if (value === undefined) return DEFAULT_BUSINESS_DAY_MS;
  const at = ['businessDay'];
  const reading = typeof value === 'string' ? readDuration(value) : undefined;
  if (reading?.ok && reading.parts.days > 0) {
    issues.add(at, 'POLICY.INVALID_BUSINESS_DAY', `"${value}" defines a business day in days: give its length in hours, e.g. 8h`);
    return undefined;
  }
  const ms = checkDuration(value, at, DEFAULT_BUSINESS_DAY_MS, issues);
  if (ms !== undefined && ms > DAY_MS) {
    issues.add(at, 'POLICY.INVALID_BUSINESS_DAY', `"${value}" is longer than a day: a business day lasts at most 24h`);
    return undefined;
  }
  return ms;
}
