import { loadDefaultPolicy } from '@stageplus/sla-policy';
import { replay } from './replay';
import { ms, TicketLog } from './testing/ticket-events.fixture';

const policy = loadDefaultPolicy();
const base = { policy, plan: 'BASE' as const };
const brief = (c: { clock: string; reason: string; since: string; clearedAt: string; alerts: readonly { percent: number }[] }) =>
  `${c.clock} ${c.reason} since ${c.since} at ${c.clearedAt} after ${c.alerts.map((a) => a.percent).join(',')}`;

describe('sla.cleared: an alerting clock that is met, stopped or paused clears its alert', () => {
  it('given a response after the 50 % escalation, then the response alert clears when the response is learnt', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2) // P2 BASE response 2h -> 50 % at 10:00
      .add('ticket.responded', '2026-06-16T10:10:00-04:00');
    const result = replay(log.known(), { ...base, until: ms('2026-06-16T12:00:00-04:00') });
    expect(result.cleared.map(brief)).toEqual(['response responded since 2026-06-16T14:10:00.000Z at 2026-06-16T14:10:00.000Z after 50']);
    const [cleared] = result.cleared;
    expect(cleared).toMatchObject({
      type: 'sla.cleared',
      eventId: 'sla:ciusss-capitale-nationale:T-1:response:cleared:1',
      alertKey: 'ciusss-capitale-nationale:T-1:response',
      breached: false,
      priority: 'P2',
    });
    expect(result.fired.find((f) => f.clock === 'response')?.alertKey).toBe(cleared.alertKey);
  });

  it('given a breach learnt before the late response, then the clear follows the breach, marked breached, since the response', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.responded', '2026-06-16T10:50:00-04:00', { receivedAt: '2026-06-16T11:20:00-04:00' });
    const result = replay(log.known(), base);
    expect(result.cleared.map(brief)).toEqual([
      'response responded since 2026-06-16T14:50:00.000Z at 2026-06-16T15:20:00.000Z after 50,75,100',
    ]);
    expect(result.cleared[0].breached).toBe(true);
    expect(result.events.map((e) => e.type)).toEqual(['sla.escalated', 'sla.escalated', 'sla.breached', 'sla.cleared']);
  });

  it('given a pause after an escalation and a later threshold after the resume, then each alert clears once, with its own id', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.responded', '2026-06-16T09:05:00-04:00')
      .status('2026-06-17T09:00:00-04:00', 'pending_customer')
      .status('2026-06-17T10:00:00-04:00', 'in_progress')
      .add('ticket.resolved', '2026-06-19T16:00:00-04:00');
    const result = replay(log.known(), { ...base, until: ms('2026-06-22T12:00:00-04:00') });
    const resolution = result.cleared.filter((c) => c.clock === 'resolution');
    expect(resolution.map((c) => c.reason)).toEqual(['paused', 'resolved']);
    expect(resolution.map((c) => c.eventId)).toEqual([
      'sla:ciusss-capitale-nationale:T-1:resolution:cleared:1',
      `sla:ciusss-capitale-nationale:T-1:resolution:cleared:${resolution[1].alerts.length}`,
    ]);
    expect(resolution[1].alerts.length).toBeGreaterThan(1);
  });

  it('given a clock that never alerted, then closing the ticket clears nothing', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.responded', '2026-06-16T09:10:00-04:00')
      .add('ticket.closed', '2026-06-16T09:30:00-04:00');
    expect(replay(log.known(), base).cleared).toEqual([]);
  });

  it('given an escalated resolution clock and a closing, then it clears as closed', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.responded', '2026-06-16T09:10:00-04:00')
      .add('ticket.closed', '2026-06-18T09:00:00-04:00');
    const result = replay(log.known(), base);
    expect(result.cleared.map((c) => `${c.clock} ${c.reason}`)).toEqual(['resolution closed']);
  });
});

describe('sla.outcome: the final SLA of a closed ticket', () => {
  it('given a response in time and a resolution after the deadline, then response met and resolution breached', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.responded', '2026-06-16T10:30:00-04:00')
      .add('ticket.resolved', '2026-06-26T10:00:00-04:00')
      .add('ticket.closed', '2026-06-26T11:00:00-04:00');
    const [outcome] = replay(log.known(), base).outcomes;
    expect(outcome).toMatchObject({
      type: 'sla.outcome',
      eventId: 'sla:ciusss-capitale-nationale:T-1:outcome',
      priority: 'P2',
      timeZone: 'America/Toronto',
      closedAt: '2026-06-26T15:00:00.000Z',
      clocks: {
        response: { status: 'met', stoppedBy: 'responded', fired: [50] }, // a stop at 75 % does not reach it
        resolution: { status: 'breached', stoppedBy: 'resolved', fired: [50, 75, 100, 150] },
      },
    });
  });

  it('given a ticket still open, then it has no outcome', () => {
    const log = new TicketLog().opened('2026-06-16T09:00:00-04:00', 2, 2);
    expect(replay(log.known(), base).outcomes).toEqual([]);
  });
});
