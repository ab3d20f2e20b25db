import { slaOutcome } from '@stageplus/testing';
import { complianceOf } from './compliance';

describe('compliance as the console shows it', () => {
  const outcomes = [
    slaOutcome('chus', 'T-1', '2026-06-10T15:00:00.000Z'),
    slaOutcome('chus', 'T-2', '2026-06-20T15:00:00.000Z', { statuses: ['met', 'breached'] }),
    // 21:00 on June 30 in Montréal: June's, although July in UTC.
    slaOutcome('chus', 'T-3', '2026-07-01T01:00:00.000Z', { statuses: ['breached', 'breached'] }),
    slaOutcome('laval', 'T-4', '2026-06-05T15:00:00.000Z'),
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
