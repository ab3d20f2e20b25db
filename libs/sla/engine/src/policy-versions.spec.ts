import { loadDefaultPolicy, type PolicyHistory, type SlaPolicy } from '@stageplus/sla-policy';
import { replay } from './replay';
import { ms, TicketLog } from './testing/ticket-events.fixture';
import type { KnownEvent } from './known-event';

const v1 = loadDefaultPolicy();
const HOUR = 3_600_000;
/** v1 with BASE P2's response target changed. */
const withBaseP2Response = (version: string, effectiveDate: string, hours: number, replaces?: string): SlaPolicy => {
  const p2 = v1.targets.BASE.P2;
  return {
    ...v1,
    version,
    effectiveDate,
    ...(replaces !== undefined ? { replaces } : {}),
    targets: { ...v1.targets, BASE: { ...v1.targets.BASE, P2: { ...p2, response: { ...p2.response, durationMs: hours * HOUR, text: `${hours}h` } } } },
  };
};
const historyOf = (...later: [SlaPolicy, string][]): PolicyHistory => ({
  versions: [{ policy: v1, publishedAt: -Infinity }, ...later.map(([policy, at]) => ({ policy, publishedAt: ms(at) }))],
});
const brief = (f: { ticketId: string; clock: string; percent: number; firedAt: string; late: boolean; policyVersion?: string }) =>
  `${f.ticketId} ${f.clock} ${f.percent}% at ${f.firedAt}${f.late ? ' late' : ''}`;
const log = (...tickets: TicketLog[]): KnownEvent[] => tickets.flatMap((t) => t.known()).map((e, seq) => ({ ...e, seq }));

describe('policy versions in virtual time', () => {
  it('given a version effective July 1st, then a ticket opened before keeps the old targets and one opened after gets the new ones', () => {
    const history = historyOf([withBaseP2Response('v2', '2026-07-01', 4), '2026-06-01T12:00:00Z']);
    const before = new TicketLog(undefined, 'OLD').opened('2026-06-30T09:00:00-04:00', 2, 2);
    const after = new TicketLog(undefined, 'NEW').opened('2026-07-02T09:00:00-04:00', 2, 2);
    const result = replay(log(before, after), { history, until: Infinity });
    const breaches = result.fired.filter((f) => f.clock === 'response' && f.percent === 100);
    expect(breaches.map(brief)).toEqual(['OLD response 100% at 2026-06-30T15:00:00.000Z', 'NEW response 100% at 2026-07-02T17:00:00.000Z']);
    expect(Object.fromEntries(result.tickets.map((t) => [t.ticketId, t.policyVersion]))).toEqual({ OLD: v1.version, NEW: 'v2' });
  });

  it('given a correction moving thresholds earlier, then what fired stays fired and the thresholds now behind fire at its publication, late', () => {
    const history = historyOf([withBaseP2Response('v1.1', '2023-12-08', 1, v1.version), '2026-06-16T09:50:00-04:00']);
    const ticket = new TicketLog().opened('2026-06-16T09:00:00-04:00', 2, 2); // 2h: 50% at 10:00; corrected 1h: 50% 09:30, 75% 09:45
    const result = replay(ticket.known(), { history, until: ms('2026-06-16T10:30:00-04:00') });
    expect(result.fired.filter((f) => f.clock === 'response').map(brief)).toEqual([
      'T-1 response 50% at 2026-06-16T13:50:00.000Z late',
      'T-1 response 75% at 2026-06-16T13:50:00.000Z late',
      'T-1 response 100% at 2026-06-16T14:00:00.000Z',
      'T-1 response 150% at 2026-06-16T14:30:00.000Z',
    ]);
    expect(result.tickets[0].policyVersion).toBe('v1.1');
  });

  it('given a correction moving thresholds later while a fired one stays past, then what fired stays fired and the rest is re-armed at the corrected instants', () => {
    const history = historyOf([withBaseP2Response('v1.1', '2023-12-08', 3, v1.version), '2026-06-16T10:40:00-04:00']);
    // 2h: 50% at 10:00 and 75% at 10:30 fire; 3h: 50% at 10:30 (still past), 75% at 11:15, 100% at 12:00, 150% at 13:30
    const ticket = new TicketLog().opened('2026-06-16T09:00:00-04:00', 2, 2);
    const result = replay(ticket.known(), { history, until: ms('2026-06-16T14:00:00-04:00') });
    expect(result.fired.filter((f) => f.clock === 'response').map(brief)).toEqual([
      'T-1 response 50% at 2026-06-16T14:00:00.000Z',
      'T-1 response 75% at 2026-06-16T14:30:00.000Z',
      'T-1 response 100% at 2026-06-16T16:00:00.000Z',
      'T-1 response 150% at 2026-06-16T17:30:00.000Z',
    ]);
    expect(result.cleared).toEqual([]);
  });

  it('given a one-version context, then a policy alone still decides as before', () => {
    const ticket = new TicketLog().opened('2026-06-16T09:00:00-04:00', 2, 2);
    const alone = replay(ticket.known(), { policy: v1, until: Infinity });
    const asHistory = replay(ticket.known(), { history: historyOf(), until: Infinity });
    expect(asHistory.fired).toEqual(alone.fired);
    expect(alone.tickets[0].policyVersion).toBe(v1.version);
  });
});
