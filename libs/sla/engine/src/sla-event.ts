import { SLA_EVENT_VERSION, slaAlertKey, slaEventId, type SlaNotification } from '@stageplus/contracts';
import type { TicketSla } from './evaluate-ticket';
import { toThresholdFired, type Firing } from './firing';
import { isoInstant } from './iso-instant';
import { notificationMessage } from './notification-message';

/**
 * The whole SLA event of a firing (`sla.escalated` / `sla.breached`), with its deterministic id
 * and bilingual message: the one builder of the live timer and of `sla replay`, so that the two
 * publish the same events.
 */
export function toSlaEvent(sla: TicketSla, firing: Firing): SlaNotification {
  const fired = toThresholdFired(sla, firing);
  const dueAt = sla.clocks[firing.clock].dueAt;
  const due = dueAt === null ? null : isoInstant(dueAt);
  // Every field named, not `...fired`: V8 (Node 20) gives an object spread and then extended a map
  // of its own each time, ~2 µs a field and the map to collect; this runs once per fired threshold.
  return {
    type: fired.type,
    tenantId: fired.tenantId,
    ticketId: fired.ticketId,
    clock: fired.clock,
    percent: fired.percent,
    level: fired.level,
    priority: fired.priority,
    thresholdAt: fired.thresholdAt,
    firedAt: fired.firedAt,
    late: fired.late,
    eventId: slaEventId(sla.tenantId, sla.ticketId, firing.clock, firing.percent, firing.nth),
    alertKey: slaAlertKey(sla.tenantId, sla.ticketId, firing.clock),
    schemaVersion: SLA_EVENT_VERSION,
    plan: sla.plan,
    dueAt: due,
    policyVersion: sla.policyVersion,
    message: notificationMessage(fired, due, sla.timeZone),
  };
}
