import {
  slaAlertKey,
  slaClearedId,
  slaEventId,
  slaOutcomeId,
  type ClockName,
  type Priority,
  type SlaCleared,
  type SlaClockOutcome,
  type SlaNotification,
  type SlaTicketOutcome,
} from '@stageplus/contracts';

/**
 * SLA events as the timer publishes them, for one ticket's clock: what the consumers of the SLA
 * topics (the bridge, `sla watch`, the console) are fed in their tests. `extra` overrides any field.
 */
export function slaEvents(tenantId: string, ticketId: string, clock: ClockName = 'response') {
  const alertKey = slaAlertKey(tenantId, ticketId, clock);
  const base = { tenantId, ticketId, clock, alertKey, schemaVersion: 1 as const, priority: 'P2' as const, plan: 'PLUS' as const, policyVersion: 'test' };
  return {
    alertKey,
    escalated(percent: number, level: number, firedAt: string, extra: Partial<SlaNotification> = {}): SlaNotification {
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
        ...extra,
      };
    },
    breached(firedAt: string, extra: Partial<SlaNotification> = {}): SlaNotification {
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
        ...extra,
      };
    },
    cleared(alerts: SlaCleared['alerts'], clearedAt: string, reason: SlaCleared['reason'] = 'responded', extra: Partial<SlaCleared> = {}): SlaCleared {
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
        ...extra,
      };
    },
  };
}

const outcomeClock = (clock: ClockName, status: SlaClockOutcome['status']): SlaClockOutcome => ({
  clock,
  status,
  targetMs: 3_600_000,
  elapsedMs: status === 'met' ? 1_800_000 : 5_400_000,
  dueAt: '2026-03-02T15:00:00.000Z',
  stoppedAt: '2026-03-02T15:30:00.000Z',
  stoppedBy: clock === 'response' ? 'responded' : 'resolved',
  fired: status === 'met' ? [50] : [50, 75, 100],
});

export interface SlaOutcomeOptions {
  /** Default P2. */
  readonly priority?: Priority;
  /** [response, resolution]; default both met. */
  readonly statuses?: readonly [SlaClockOutcome['status'], SlaClockOutcome['status']];
  /** The establishment's zone, which decides the month of closing; default America/Toronto. */
  readonly timeZone?: string;
}

/** An `sla.outcome` of a ticket closed at `closedAt` (UTC ISO), for the compliance reports' tests. */
export function slaOutcome(tenantId: string, ticketId: string, closedAt: string, options: SlaOutcomeOptions = {}): SlaTicketOutcome {
  const [response, resolution] = options.statuses ?? ['met', 'met'];
  return {
    type: 'sla.outcome',
    eventId: slaOutcomeId(tenantId, ticketId),
    schemaVersion: 1,
    tenantId,
    ticketId,
    priority: options.priority ?? 'P2',
    plan: 'BASE',
    openedAt: '2026-03-02T14:00:00.000Z',
    closedAt,
    timeZone: options.timeZone ?? 'America/Toronto',
    policyVersion: 'test',
    clocks: { response: outcomeClock('response', response), resolution: outcomeClock('resolution', resolution) },
  };
}
