import type { SlaClockOutcome, SlaTicketOutcome } from '@stageplus/contracts';
import { complianceOf } from './compliance';

const clock = (name: 'response' | 'resolution', status: 'met' | 'breached'): SlaClockOutcome => ({
  clock: name,
  status,
  targetMs: 1,
  elapsedMs: 1,
  dueAt: '2026-06-01T00:00:00.000Z',
  stoppedAt: '2026-06-01T00:00:00.000Z',
  stoppedBy: 'closed',
  fired: [],
});

const outcome = (tenantId: string, ticketId: string, closedAt: string, response: 'met' | 'breached', resolution: 'met' | 'breached'): SlaTicketOutcome => ({
  type: 'sla.outcome',
  eventId: `sla:${tenantId}:${ticketId}:outcome`,
  schemaVersion: 1,
  tenantId,
  ticketId,
  priority: 'P2',
  plan: 'PLUS',
  openedAt: '2026-06-01T12:00:00.000Z',
  closedAt,
  timeZone: 'America/Toronto',
  policyVersion: 'v',
  clocks: { response: clock('response', response), resolution: clock('resolution', resolution) },
});

describe('compliance as the console shows it', () => {
  const outcomes = [
    outcome('chus', 'T-1', '2026-06-10T15:00:00.000Z', 'met', 'met'),
    outcome('chus', 'T-2', '2026-06-20T15:00:00.000Z', 'met', 'breached'),
    // 21:00 on June 30 in Montréal: June's, although July in UTC.
    outcome('chus', 'T-3', '2026-07-01T01:00:00.000Z', 'breached', 'breached'),
    outcome('laval', 'T-4', '2026-06-05T15:00:00.000Z', 'met', 'met'),
  ];

  it('counts met and breached clocks in the month the ticket closed, in its establishment zone', () => {
    const report = complianceOf(outcomes, { tenant: 'chus', from: '2026-06-01', to: '2026-06-30', includes: () => true });
    expect(report.rows.map(({ clock, met, breached }) => ({ clock, met, breached }))).toEqual([
      { clock: 'response', met: 2, breached: 1 },
      { clock: 'resolution', met: 1, breached: 2 },
    ]);
  });

  it('counts only the establishments the viewer may read', () => {
    const report = complianceOf(outcomes, { tenant: null, from: '2026-01-01', to: '2026-12-31', includes: (t) => t === 'laval' });
    expect(new Set(report.rows.map((r) => r.tenantId))).toEqual(new Set(['laval']));
    expect(report.tickets).toBe(1);
  });
});
