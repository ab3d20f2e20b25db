import { slaOutcomeId, type Priority, type SlaClockOutcome, type SlaTicketOutcome } from '@stageplus/contracts';

const clock = (name: 'response' | 'resolution', status: 'met' | 'breached'): SlaClockOutcome => ({
  clock: name,
  status,
  targetMs: 3_600_000,
  elapsedMs: status === 'met' ? 1_800_000 : 5_400_000,
  dueAt: '2026-03-02T15:00:00.000Z',
  stoppedAt: '2026-03-02T15:30:00.000Z',
  stoppedBy: name === 'response' ? 'responded' : 'resolved',
  fired: status === 'met' ? [50] : [50, 75, 100],
});

/** An `sla.outcome` for the reporting specs: `statuses` is [response, resolution]. */
export function outcome(
  tenantId: string,
  ticketId: string,
  priority: Priority,
  closedAt: string,
  statuses: ['met' | 'breached', 'met' | 'breached'] = ['met', 'met'],
  timeZone = 'America/Toronto',
): SlaTicketOutcome {
  return {
    type: 'sla.outcome',
    eventId: slaOutcomeId(tenantId, ticketId),
    schemaVersion: 1,
    tenantId,
    ticketId,
    priority,
    plan: 'BASE',
    openedAt: '2026-03-02T14:00:00.000Z',
    closedAt,
    timeZone,
    policyVersion: 'test',
    clocks: { response: clock('response', statuses[0]), resolution: clock('resolution', statuses[1]) },
  };
}
