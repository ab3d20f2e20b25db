import type { SlaTopicEvent } from '@stageplus/contracts';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const CLOCK_ORDER = { response: 0, resolution: 1 } as const;

const timeOf = (e: SlaTopicEvent): string => (e.type === 'sla.cleared' ? e.clearedAt : e.firedAt);
/** Within one clock and instant, thresholds by percent, then the clearing (it follows them). */
const rankOf = (e: SlaTopicEvent): number => (e.type === 'sla.cleared' ? Infinity : e.percent);

/** Time order; simultaneous events by tenant, ticket, clock and percent, whatever the arrival order. */
export function canonicalOrder<E extends SlaTopicEvent>(events: E[]): E[] {
  return events.sort(
    (a, b) =>
      compare(timeOf(a), timeOf(b)) ||
      compare(a.tenantId, b.tenantId) ||
      compare(a.ticketId, b.ticketId) ||
      CLOCK_ORDER[a.clock] - CLOCK_ORDER[b.clock] ||
      rankOf(a) - rankOf(b),
  );
}
