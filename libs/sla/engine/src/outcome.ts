import { SLA_EVENT_VERSION, slaOutcomeId, type SlaClockOutcome, type SlaTicketOutcome } from '@stageplus/contracts';
import type { ClockSla } from './clock';
import type { TicketSla } from './evaluate-ticket';
import { firingKey } from './firing';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The final SLA of a closed ticket: per clock, met or breached (its deadline fell before its
 * stop; a stop exactly at the deadline meets it, section 7 rule 4) and what fired. Null while the
 * ticket is open. The one definition of compliance for the timer (`sla.outcomes`) and reports.
 */
export function ticketOutcome(sla: TicketSla, fired: ReadonlySet<string>): SlaTicketOutcome | null {
  if (sla.closedAt === null) return null;
  const response = clockOutcome(sla.clocks.response, fired);
  const resolution = clockOutcome(sla.clocks.resolution, fired);
  if (response === null || resolution === null) return null;
  return {
    type: 'sla.outcome',
    eventId: slaOutcomeId(sla.tenantId, sla.ticketId),
    schemaVersion: SLA_EVENT_VERSION,
    tenantId: sla.tenantId,
    ticketId: sla.ticketId,
    priority: sla.priority,
    plan: sla.plan,
    openedAt: iso(sla.clocks.response.startedAt),
    closedAt: iso(sla.closedAt),
    timeZone: sla.timeZone,
    policyVersion: sla.policyVersion,
    clocks: { response, resolution },
  };
}

function clockOutcome(clock: ClockSla, fired: ReadonlySet<string>): SlaClockOutcome | null {
  // A closed ticket's clocks are all stopped and no pause is open, so the deadline is known.
  if (clock.stop === null || clock.dueAt === null) return null;
  return {
    clock: clock.clock,
    status: clock.dueAt < clock.stop.at ? 'breached' : 'met',
    targetMs: clock.targetMs,
    elapsedMs: clock.elapsedMs,
    dueAt: iso(clock.dueAt),
    stoppedAt: iso(clock.stop.at),
    stoppedBy: clock.stop.by,
    fired: clock.thresholds.filter((t) => fired.has(firingKey({ clock: clock.clock, percent: t.percent }))).map((t) => t.percent),
  };
}
