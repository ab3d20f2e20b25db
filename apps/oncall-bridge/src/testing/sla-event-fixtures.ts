import { slaAlertKey, slaClearedId, slaEventId, type ClockName, type SlaCleared, type SlaNotification } from '@stageplus/contracts';

/** SLA events as the timer publishes them, for one ticket's clock: what the bridge's tests feed it. */
export function slaEvents(tenantId: string, ticketId: string, clock: ClockName = 'response') {
  const alertKey = slaAlertKey(tenantId, ticketId, clock);
  const base = { tenantId, ticketId, clock, alertKey, schemaVersion: 1 as const, priority: 'P2' as const, plan: 'PLUS' as const, policyVersion: 'test' };
  return {
    alertKey,
    escalated(percent: number, level: number, firedAt: string): SlaNotification {
      return {
        ...base,
        type: 'sla.escalated',
        eventId: slaEventId(tenantId, ticketId, clock, percent),
        percent,
        level,
        thresholdAt: firedAt,
        firedAt,
        late: false,
        dueAt: '2026-06-16T15:00:00.000Z',
        message: {
          fr: `Billet ${ticketId} (${tenantId}, P2) : escalade niveau ${level}, ${percent} % du délai de réponse initiale écoulé.`,
          en: `Ticket ${ticketId} (${tenantId}, P2): escalation level ${level}, ${percent}% of the initial response time elapsed.`,
        },
      };
    },
    breached(firedAt: string): SlaNotification {
      return {
        ...base,
        type: 'sla.breached',
        eventId: slaEventId(tenantId, ticketId, clock, 100),
        percent: 100,
        level: null,
        thresholdAt: firedAt,
        firedAt,
        late: false,
        dueAt: firedAt,
        message: {
          fr: `Billet ${ticketId} (${tenantId}, P2) : délai de réponse initiale dépassé.`,
          en: `Ticket ${ticketId} (${tenantId}, P2): initial response time breached.`,
        },
      };
    },
    cleared(alerts: SlaCleared['alerts'], clearedAt: string, reason: SlaCleared['reason'] = 'responded'): SlaCleared {
      return {
        ...base,
        type: 'sla.cleared',
        eventId: slaClearedId(tenantId, ticketId, clock, alerts.length),
        reason,
        since: clearedAt,
        clearedAt,
        alerts,
        breached: alerts.some((a) => a.type === 'sla.breached'),
        message: {
          fr: `Billet ${ticketId} (${tenantId}, P2) : alerte du délai de réponse initiale levée.`,
          en: `Ticket ${ticketId} (${tenantId}, P2): initial response alert cleared.`,
        },
      };
    },
  };
}
