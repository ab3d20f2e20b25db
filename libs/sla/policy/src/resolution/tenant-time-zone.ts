import { BUSINESS_CALENDAR_ID } from '../policy-values';
import type { SlaPolicy } from '../policy';

/** Where a policy with no zoned calendar is read: the contract's establishments are in Quebec. */
export const FALLBACK_TIME_ZONE = 'America/Toronto';

/**
 * The zone in which an establishment's people read instants (messages, console, reports): the
 * zone of its own calendar, else of the `business` calendar, else of any zoned calendar. 24x7
 * calendars have no zone: elapsed time does not depend on one, but people still read local time.
 */
export function tenantTimeZone(policy: SlaPolicy, tenantId: string): string {
  const own = policy.tenants.get(tenantId)?.calendarId;
  for (const id of [own, BUSINESS_CALENDAR_ID]) {
    const spec = id === undefined ? undefined : policy.calendarSpecs[id];
    if (spec?.kind === 'business') return spec.timeZone;
  }
  const zoned = Object.values(policy.calendarSpecs).find((s) => s.kind === 'business');
  return zoned?.kind === 'business' ? zoned.timeZone : FALLBACK_TIME_ZONE;
}
