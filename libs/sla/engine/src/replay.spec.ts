import { loadDefaultPolicy } from '@stageplus/sla-policy';
import { replay } from './replay';
import { toKnownEvent } from './known-event';
import { ms, TicketLog } from './testing/ticket-events.fixture';

const policy = loadDefaultPolicy();
const base = { policy, plan: 'BASE' as const };
const brief = (f: { clock: string; percent: number; firedAt: string; late: boolean }) =>
  `${f.clock} ${f.percent}% at ${f.firedAt}${f.late ? ' late' : ''}`;

describe('replay in virtual time (section 7)', () => {
  it('given a response delivered after its deadline, then the breach fires at the deadline and nothing is retracted', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2) // P2 BASE response 2h -> 11:00
      .add('ticket.responded', '2026-06-16T10:50:00-04:00', { receivedAt: '2026-06-16T11:20:00-04:00' });
    const result = replay(log.known(), base);
    expect(result.fired.filter((f) => f.clock === 'response').map(brief)).toEqual([
      'response 50% at 2026-06-16T14:00:00.000Z',
      'response 75% at 2026-06-16T14:30:00.000Z',
      'response 100% at 2026-06-16T15:00:00.000Z',
    ]);
    expect(result.fired.find((f) => f.percent === 100)?.type).toBe('sla.breached');
    expect(result.tickets[0].clocks.response.status).toBe('met');
    expect(result.tickets[0].clocks.response.stop?.at).toBe(ms('2026-06-16T10:50:00-04:00'));
  });

  it('given a priority raise learnt after earlier thresholds fell, then those fire at once, marked late', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 4, 4) // P4 response 16h
      .add('ticket.updated', '2026-06-16T10:45:00-04:00', { impact: 2, urgency: 2 }); // P2 response 2h
    const result = replay(log.known(), { ...base, until: ms('2026-06-16T11:00:00-04:00') });
    expect(result.fired.map(brief)).toEqual([
      'response 50% at 2026-06-16T14:45:00.000Z late',
      'response 75% at 2026-06-16T14:45:00.000Z late',
      'response 100% at 2026-06-16T15:00:00.000Z',
    ]);
    expect(result.fired[0].priority).toBe('P2');
  });

  it('given events at the same instant as a threshold, then the events are applied first', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.responded', '2026-06-16T10:00:00-04:00'); // exactly at 50 %
    const result = replay(log.known(), { ...base, until: ms('2026-06-16T12:00:00-04:00') });
    expect(result.fired.filter((f) => f.clock === 'response')).toEqual([]);
  });

  it('given the same log in any arrival order with duplicates, then the fired events are the same', () => {
    const a = new TicketLog('t', 'A').opened('2026-06-16T09:00:00-04:00', 2, 2).add('ticket.responded', '2026-06-16T12:00:00-04:00');
    const b = new TicketLog('t', 'B').opened('2026-06-16T09:30:00-04:00', 1, 1).add('ticket.resolved', '2026-06-16T15:00:00-04:00');
    const events = [...a.known(), ...b.known()];
    const until = ms('2026-06-17T12:00:00-04:00');
    const inOrder = replay(events, { ...base, until }).fired;
    const shuffled = [...events, ...events].reverse().map((e, seq) => ({ ...e, seq }));
    expect(replay(shuffled, { ...base, until }).fired).toEqual(inOrder);
    expect(inOrder.length).toBeGreaterThan(0);
  });

  it('given --plan PLUS on a BASE ticket, then the PLUS targets decide what fires', () => {
    const log = new TicketLog().opened('2026-06-16T09:00:00-04:00', 2, 2); // PLUS P2 response 1h
    const result = replay(log.known(), { policy, plan: 'PLUS', until: ms('2026-06-16T10:00:00-04:00') });
    expect(result.fired.filter((f) => f.clock === 'response').map((f) => f.percent)).toEqual([50, 75, 100]);
  });
});

describe('events around a close, out of order', () => {
  it('given an update after the close learnt before a late close, then the ticket closes at the priority it had', () => {
    const tenant = { tenantId: 'tenant-a', ticketId: 'T-ORDER' };
    const at = (iso: string) => ms(iso);
    const log = [
      toKnownEvent({ ...tenant, eventId: 'o', type: 'ticket.opened', occurredAt: '2026-06-16T09:00:00-04:00', impact: 3, urgency: 3 }, 0, at('2026-06-16T09:00:00-04:00')),
      toKnownEvent({ ...tenant, eventId: 'u', type: 'ticket.updated', occurredAt: '2026-06-16T09:20:00-04:00', impact: 1, urgency: 1 }, 1, at('2026-06-16T09:20:00-04:00')),
      toKnownEvent({ ...tenant, eventId: 'c', type: 'ticket.closed', occurredAt: '2026-06-16T09:10:00-04:00' }, 2, at('2026-06-16T09:30:00-04:00')),
    ];
    const result = replay(log, base);
    expect(result.tickets[0].priority).toBe('P4'); // impact 3, urgency 3: the raise to P1 came after the close
    expect(result.outcomes.map((o) => o.priority)).toEqual(['P4']);
  });
});
