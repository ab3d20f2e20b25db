import fc from 'fast-check';
import { loadDefaultPolicy } from '@stageplus/sla-policy';
import { toKnownEvent } from './known-event';
import { replay } from './replay';
import { randomTicketLogArb } from './testing/random-ticket-log';

const policy = loadDefaultPolicy();
const start = Date.parse('2026-06-15T08:00:00-04:00');
const logArb = randomTicketLogArb(start, ['ciusss-capitale-nationale', 'chu-sainte-justine', 'cisss-laval']);
const until = start + 40 * 24 * 3_600_000;
const run = (events: ReturnType<typeof toKnownEvent>[]) => replay(events, { policy, until }).fired;

describe('replay over random logs', () => {
  it('fires the same events whatever the arrival order of events learnt at the same time', () => {
    fc.assert(
      fc.property(logArb, fc.integer(), (log, salt) => {
        const inOrder = run(log.map((e, i) => toKnownEvent(e, i)));
        const shuffled = [...log]
          .map((e, i) => ({ e, k: Math.sin(i * 7919 + salt) }))
          .sort((a, b) => a.k - b.k)
          .map(({ e }, i) => toKnownEvent(e, i));
        // Ties in event time keep arrival order, so only logs without such ties must agree.
        const occurred = log.map((e) => `${e.ticketId}@${Date.parse(e.occurredAt)}`);
        fc.pre(new Set(occurred).size === new Set(log.map((e) => e.eventId)).size);
        expect(run(shuffled)).toEqual(inOrder);
      }),
      { numRuns: 150 },
    );
  });

  it('fires each threshold of a ticket and clock at most once, late exactly when after its instant', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        const fired = run(log.map((e, i) => toKnownEvent(e, i)));
        const keys = fired.map((f) => `${f.ticketId}:${f.clock}:${f.percent}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const f of fired) expect(f.late).toBe(Date.parse(f.firedAt) > Date.parse(f.thresholdAt));
        const firedAt = fired.map((f) => Date.parse(f.firedAt));
        expect([...firedAt].sort((a, b) => a - b)).toEqual(firedAt);
      }),
      { numRuns: 150 },
    );
  });

  it('given events delivered on time and no priority change, fires exactly the thresholds the final state reaches, on time', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        // A priority change after a firing may leave a fired threshold unreached: fired events are facts.
        const steady = log.filter((e) => e.type === 'ticket.opened' || e.impact === undefined);
        const onTime = steady.map((e, i) => toKnownEvent({ ...e, receivedAt: e.occurredAt }, i));
        const result = replay(onTime, { policy, until });
        const fired = new Set(result.fired.map((f) => `${f.ticketId}:${f.clock}:${f.percent}`));
        const reached = result.tickets.flatMap((t) =>
          [t.clocks.response, t.clocks.resolution].flatMap((c) =>
            c.thresholds.filter((th) => th.reached && th.at !== null && th.at <= until).map((th) => `${t.ticketId}:${c.clock}:${th.percent}`),
          ),
        );
        expect([...fired].sort()).toEqual([...new Set(reached)].sort());
        // The one way to be late with every event on time: a resolution exactly at a threshold's
        // instant pre-empted it, and a reopen revealed it afterwards.
        const resolvedAt = new Set(steady.filter((e) => e.type === 'ticket.resolved').map((e) => `${e.ticketId}@${Date.parse(e.occurredAt)}`));
        const late = result.fired.filter((f) => f.late && !resolvedAt.has(`${f.ticketId}@${Date.parse(f.thresholdAt)}`));
        expect(late).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
