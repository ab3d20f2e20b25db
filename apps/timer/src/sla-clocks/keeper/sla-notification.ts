import { SLA_EVENT_VERSION, slaEventId, type SlaNotification } from '@stageplus/contracts';
import { notificationMessage, toThresholdFired, type Firing, type TicketSla } from '@stageplus/sla-engine';

/** The outgoing event of a firing, with its deterministic id and bilingual message. */
export function toNotification(sla: TicketSla, firing: Firing): SlaNotification {
  const fired = toThresholdFired(sla, firing);
  const dueAt = sla.clocks[firing.clock].dueAt;
  const due = dueAt === null ? null : new Date(dueAt).toISOString();
  return {
    ...fired,
    eventId: slaEventId(sla.tenantId, sla.ticketId, firing.clock, firing.percent),
    schemaVersion: SLA_EVENT_VERSION,
    plan: sla.plan,
    dueAt: due,
    policyVersion: sla.policyVersion,
    message: notificationMessage(fired, due),
  };
}
