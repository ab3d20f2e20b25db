import { loadDefaultPolicy } from '@stageplus/sla-policy';
import { decideAt } from './decide';
import { evaluateTicket } from './evaluate-ticket';
import { foldTicket } from './ticket-state';
import { iso, ms, TicketLog } from './testing/ticket-events.fixture';

const policy = loadDefaultPolicy();
const base = { policy, plan: 'BASE' as const };
const plus = { policy, plan: 'PLUS' as const };
const fold = (log: TicketLog) => {
  const state = foldTicket(log.known(), { pauseStatuses: policy.pauseStatuses });
  if (state === null) throw new Error('no state');
  return state;
};
const thresholdAt = (clock: { thresholds: readonly { percent: number; at: number | null }[] }, percent: number) =>
  iso(clock.thresholds.find((t) => t.percent === percent)?.at ?? null);

describe('SLA clocks of a ticket', () => {
  it('worked example 3: a BASE P1 opened Friday 16:00 is due Monday 09:00 and paused Monday 09:00-10:00', () => {
    const log = new TicketLog()
      .opened('2026-11-27T16:00:00-05:00', 1, 1)
      .status('2026-11-30T09:00:00-05:00', 'pending_customer')
      .status('2026-11-30T10:00:00-05:00', 'in_progress');
    const sla = evaluateTicket(fold(log), base, ms('2026-11-27T21:00:00Z'));
    expect(sla.priority).toBe('P1');
    expect(iso(sla.clocks.response.dueAt)).toBe('2026-11-30T14:00:00.000Z');
    expect(thresholdAt(sla.clocks.response, 50)).toBe('2026-11-27T21:30:00.000Z');
    expect(iso(sla.clocks.resolution.dueAt)).toBe('2026-12-01T14:00:00.000Z');
  });

  it('given a ticket opened on Saturday, when evaluated, then the clock starts counting at Monday 08:30', () => {
    const log = new TicketLog().opened('2026-06-20T11:00:00-04:00', 2, 2); // P2, BASE response 2h
    const sla = evaluateTicket(fold(log), base, ms('2026-06-20T15:00:00Z'));
    expect(iso(sla.clocks.response.dueAt)).toBe('2026-06-22T14:30:00.000Z');
    expect(sla.clocks.response.elapsedMs).toBe(0);
  });

  it('given a pause from Friday 15:00 to Monday 10:00, when evaluated, then the weekend and both edges do not count', () => {
    const log = new TicketLog()
      .opened('2026-06-19T14:00:00-04:00', 2, 2) // P2 BASE resolution 2j = 16h
      .status('2026-06-19T15:00:00-04:00', 'pending_customer')
      .status('2026-06-22T10:00:00-04:00', 'in_progress');
    const sla = evaluateTicket(fold(log), base, ms('2026-06-22T14:00:00Z'));
    // 1h Friday, then from Monday 10:00: 6h30 Mon + 8h Tue, Wed Jun 24 is a holiday, 30min Thu
    expect(iso(sla.clocks.resolution.dueAt)).toBe('2026-06-25T13:00:00.000Z');
  });

  it('given a priority raise, when evaluated, then the new targets apply from the original start', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 4, 4) // P4: response 16h
      .add('ticket.updated', '2026-06-16T10:45:00-04:00', { impact: 2, urgency: 2 }); // P2: 2h
    const sla = evaluateTicket(fold(log), base, ms('2026-06-16T14:45:00Z'));
    expect(sla.priority).toBe('P2');
    expect(iso(sla.clocks.response.dueAt)).toBe('2026-06-16T15:00:00.000Z');
  });

  it('given a resolved ticket reopened the next day, when evaluated, then the resolution clock keeps its elapsed time', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2) // P2 BASE resolution 16h
      .add('ticket.resolved', '2026-06-16T13:00:00-04:00')
      .add('ticket.reopened', '2026-06-17T13:00:00-04:00');
    const sla = evaluateTicket(fold(log), base, ms('2026-06-17T17:00:00Z'));
    const resolution = sla.clocks.resolution;
    expect(resolution.status).toBe('running');
    expect(resolution.elapsedMs).toBe(4 * 3_600_000);
    // 4h Tue, then from Wed 13:00: 3h30 Wed + 8h Thu + 30min Fri -> Fri 09:00 (Jun 19)
    expect(iso(resolution.dueAt)).toBe('2026-06-19T13:00:00.000Z');
  });

  it('given a response exactly at the deadline, when evaluated, then the response clock is met and its breach is not reached', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.responded', '2026-06-16T11:00:00-04:00');
    const sla = evaluateTicket(fold(log), base, ms('2026-06-16T18:00:00Z'));
    expect(sla.clocks.response.status).toBe('met');
    expect(sla.clocks.response.thresholds.find((t) => t.percent === 100)?.reached).toBe(false);
    expect(sla.clocks.response.thresholds.find((t) => t.percent === 75)?.reached).toBe(true);
  });

  it('given a pause that starts exactly when a threshold falls, when evaluated, then the threshold was reached', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2) // P2 BASE resolution 16h: 50 % at Wed 09:00
      .add('ticket.responded', '2026-06-16T09:05:00-04:00')
      .status('2026-06-17T09:00:00-04:00', 'pending_customer');
    const sla = evaluateTicket(fold(log), base, ms('2026-06-17T14:00:00Z'));
    expect(sla.clocks.resolution.status).toBe('paused');
    const half = sla.clocks.resolution.thresholds.find((t) => t.percent === 50);
    expect(half).toMatchObject({ at: ms('2026-06-17T09:00:00-04:00'), reached: true });
    expect(sla.clocks.resolution.thresholds.find((t) => t.percent === 75)).toMatchObject({ at: null, reached: false });
  });

  it('given the same events twice and in another order, when folded, then the state is the same as once in order', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 3)
      .status('2026-06-16T10:00:00-04:00', 'pending_customer')
      .status('2026-06-16T12:00:00-04:00', 'in_progress')
      .add('ticket.responded', '2026-06-16T09:30:00-04:00');
    const once = foldTicket(log.known(), { pauseStatuses: policy.pauseStatuses });
    const shuffled = [...log.known()].reverse().map((e, i) => ({ ...e, seq: i }));
    const twice = foldTicket([...shuffled, ...log.known().map((e) => ({ ...e, seq: e.seq + 100 }))], {
      pauseStatuses: policy.pauseStatuses,
    });
    expect(twice).toEqual(once);
  });

  it('given events already in order with an eventId repeated later, when folded, then the first arrival stands', () => {
    const log = new TicketLog().opened('2026-06-16T09:00:00-04:00', 2, 3).status('2026-06-16T10:00:00-04:00', 'pending_customer');
    const known = log.known();
    const repeated = { ...known[1], seq: 2, occurredAt: ms('2026-06-16T11:00:00-04:00'), status: 'in_progress' };
    const options = { pauseStatuses: policy.pauseStatuses };
    expect(foldTicket([...known, repeated], options)).toEqual(foldTicket(known, options));
  });

  it('given a closed ticket, when later events arrive, then nothing changes the clocks', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.closed', '2026-06-16T10:00:00-04:00')
      .add('ticket.reopened', '2026-06-16T11:00:00-04:00');
    const sla = evaluateTicket(fold(log), base, ms('2026-06-18T12:00:00Z'));
    expect(sla.clocks.response.status).toBe('met');
    expect(sla.clocks.resolution.status).toBe('met');
    expect(sla.clocks.resolution.stop).toEqual({ at: ms('2026-06-16T10:00:00-04:00'), by: 'closed' });
  });

  it('given a PLUS P1 ticket, when evaluated, then its clocks run 24x7 across the spring-forward night', () => {
    const log = new TicketLog().opened('2026-03-08T00:30:00-05:00', 1, 1);
    const sla = evaluateTicket(fold(log), plus, ms('2026-03-08T05:30:00Z'));
    expect(sla.clocks.response.calendarId).toBe('24x7');
    expect(iso(sla.clocks.response.dueAt)).toBe('2026-03-08T06:00:00.000Z');
    expect(iso(sla.clocks.resolution.dueAt)).toBe('2026-03-08T09:30:00.000Z');
  });
});

describe('deciding what fires at a processing time', () => {
  it('given a paused resolution clock, when time passes its old deadline, then nothing beyond its elapsed time fires', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2)
      .add('ticket.responded', '2026-06-16T09:10:00-04:00')
      .status('2026-06-16T10:00:00-04:00', 'pending_customer');
    const decision = decideAt(log.known(), new Set(), base, ms('2026-06-30T12:00:00Z'));
    expect(decision.sla?.clocks.resolution.status).toBe('paused');
    expect(decision.fire).toEqual([]);
    expect(decision.upcoming).toEqual([]);
  });

  it('given a timer running behind and an unrelated event in between, then the scheduled threshold is not late', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 2, 2) // response 50 % at 10:00
      .add('ticket.updated', '2026-06-16T10:00:05-04:00', { status: 'in_progress' });
    const decision = decideAt(log.known(), new Set(), base, ms('2026-06-16T10:00:09-04:00'));
    expect(decision.fire.map((f) => [f.clock, f.percent, f.late])).toEqual([['response', 50, false]]);
  });

  it('given a priority raise that reveals a past threshold, then that threshold is late', () => {
    const log = new TicketLog()
      .opened('2026-06-16T09:00:00-04:00', 4, 4)
      .add('ticket.updated', '2026-06-16T10:45:00-04:00', { impact: 2, urgency: 2 });
    const decision = decideAt(log.known(), new Set(), base, ms('2026-06-16T10:45:00-04:00'));
    expect(decision.fire.map((f) => [f.percent, f.late])).toEqual([
      [50, true],
      [75, true],
    ]);
  });

  it('given thresholds already fired, when recomputed, then they do not fire again', () => {
    const log = new TicketLog().opened('2026-06-16T09:00:00-04:00', 2, 2);
    const now = ms('2026-06-16T10:15:00-04:00');
    const first = decideAt(log.known(), new Set(), base, now);
    expect(first.fire.map((f) => `${f.clock}:${f.percent}`)).toEqual(['response:50']);
    const again = decideAt(log.known(), new Set(['response:50']), base, now);
    expect(again.fire).toEqual([]);
    expect(again.upcoming[0]).toEqual({ clock: 'response', percent: 75, at: ms('2026-06-16T10:30:00-04:00') });
  });
});
