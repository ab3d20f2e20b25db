import { complianceReport, reportPeriod, ReportError } from './compliance-report';
import { outcome } from './testing/outcomes';

describe('compliance by tenant, local month of closing, priority and clock', () => {
  it('given a ticket closed on the last evening of March in Québec (April in UTC), then it counts in March', () => {
    const report = complianceReport([outcome('chus', 'T-1', 'P1', '2026-04-01T02:30:00.000Z')], reportPeriod(null, '2026-03-01', '2026-04-30'));
    expect(report.rows.map((r) => r.month)).toEqual(['2026-03', '2026-03']);
  });

  it('counts met and breached per clock, with compliance in percent to one decimal', () => {
    const outcomes = [
      outcome('chus', 'T-1', 'P2', '2026-03-10T15:00:00.000Z', ['met', 'breached']),
      outcome('chus', 'T-2', 'P2', '2026-03-11T15:00:00.000Z', ['met', 'met']),
      outcome('chus', 'T-3', 'P2', '2026-03-12T15:00:00.000Z', ['breached', 'met']),
    ];
    const { rows, tickets } = complianceReport(outcomes, reportPeriod('chus', '2026-03-01', '2026-03-31'));
    expect(tickets).toBe(3);
    expect(rows).toEqual([
      { tenantId: 'chus', month: '2026-03', priority: 'P2', clock: 'response', met: 2, breached: 1, compliancePercent: 66.7 },
      { tenantId: 'chus', month: '2026-03', priority: 'P2', clock: 'resolution', met: 2, breached: 1, compliancePercent: 66.7 },
    ]);
  });

  it("keeps one tenant's tickets and the local days from..to inclusive", () => {
    const outcomes = [
      outcome('chus', 'in-first-day', 'P1', '2026-03-01T05:00:00.000Z'), // 00:00 EST on 1 March
      outcome('chus', 'before', 'P1', '2026-03-01T04:59:59.000Z'), // 23:59:59 on 28 February
      outcome('chus', 'in-last-day', 'P1', '2026-04-01T03:59:00.000Z'), // 23:59 EDT on 31 March
      outcome('other', 'T-9', 'P1', '2026-03-15T12:00:00.000Z'),
    ];
    const report = complianceReport(outcomes, reportPeriod('chus', '2026-03-01', '2026-03-31'));
    expect(report.tickets).toBe(2);
    expect(report.rows.every((r) => r.tenantId === 'chus' && r.met === 2)).toBe(true);
  });

  it('given the same ticket twice (a compacted topic read before compaction), then the later outcome counts once', () => {
    const outcomes = [
      outcome('chus', 'T-1', 'P3', '2026-03-10T15:00:00.000Z', ['met', 'met']),
      outcome('chus', 'T-1', 'P3', '2026-03-12T15:00:00.000Z', ['met', 'breached']),
    ];
    const { rows } = complianceReport(outcomes, reportPeriod(null, '2026-03-01', '2026-03-31'));
    expect(rows.find((r) => r.clock === 'resolution')).toMatchObject({ met: 0, breached: 1 });
  });

  it('refuses a period that is not two dates in order, naming the field', () => {
    expect(() => reportPeriod(null, '2026-3-1', '2026-03-31')).toThrow(/from must be a date/);
    expect(() => reportPeriod(null, '2026-03-01', '2026-02-30')).toThrow(/to must be a date/);
    expect(() => reportPeriod(null, '2026-04-01', '2026-03-31')).toThrow(ReportError);
  });
});
