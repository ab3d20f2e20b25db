import { SLA_EVENT_VERSION, slaAlertKey, slaClearedId, type SlaCleared } from '@stageplus/contracts';
import type { Clearing } from './clearing';
import { clearedMessage } from './cleared-message';
import type { TicketSla } from './evaluate-ticket';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The whole `sla.cleared` event of a clearing: the one builder of the live timer and of
 * `sla replay`, so that both publish the same events.
 */
export function toSlaCleared(sla: TicketSla, clearing: Clearing): SlaCleared {
  const breached = clearing.alerts.some((a) => a.type === 'sla.breached');
  const base = {
    tenantId: sla.tenantId,
    ticketId: sla.ticketId,
    priority: sla.priority,
    clock: clearing.clock,
    reason: clearing.reason,
    since: iso(clearing.since),
    breached,
  };
  return {
    type: 'sla.cleared',
    eventId: slaClearedId(sla.tenantId, sla.ticketId, clearing.clock, clearing.count),
    schemaVersion: SLA_EVENT_VERSION,
    ...base,
    alertKey: slaAlertKey(sla.tenantId, sla.ticketId, clearing.clock),
    plan: sla.plan,
    clearedAt: iso(clearing.clearedAt),
    alerts: clearing.alerts,
    policyVersion: sla.policyVersion,
    message: clearedMessage(base, sla.timeZone),
  };
}
