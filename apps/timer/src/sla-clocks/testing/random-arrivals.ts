import fc from 'fast-check';
import type { Level, TicketEvent } from '@stageplus/contracts';

/** What the timer's consumer hands the keeper at one instant: a batch of events, in arrival order. */
export interface ArrivalBatch {
  readonly now: number;
  readonly events: readonly TicketEvent[];
}

/** The shape of random arrivals: `unit` is about a target's length divided by eight. */
export interface ArrivalShape {
  readonly start: number;
  readonly unit: number;
  readonly tenantIds: readonly string[];
  readonly maxTickets: number;
}

const kinds = ['pause', 'resume', 'priority', 'respond', 'resolve', 'reopen', 'close'] as const;
type Kind = (typeof kinds)[number];
const levelArb = fc.constantFrom<Level>(1, 2, 3, 4);

/**
 * Random ticket logs as the timer meets them: each ticket's events (pauses, priority changes,
 * responses, resolutions, reopenings, closes, and more events after a close), each delivered
 * after a random delay: none, a little, or several targets' worth, so that events cross every
 * stop in both directions (a change that occurred before a close arriving after it, behind one
 * that occurred after it); some delivered twice. The deliveries of all tickets, in arrival order,
 * are cut into batches, a batch processed at its last arrival's instant: one per instant, or
 * several instants' worth, as a consumer that fell behind takes them.
 */
export function randomArrivalsArb(shape: ArrivalShape): fc.Arbitrary<ArrivalBatch[]> {
  const { unit } = shape;
  const delayArb = fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 * unit }) },
    { weight: 2, arbitrary: fc.integer({ min: 2 * unit, max: 24 * unit }) },
  );
  const stepArb = fc.record({
    // Sometimes no time at all between two events: ties in event time, broken by arrival order.
    gap: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 4 * unit }) }),
    kind: fc.constantFrom<Kind>(...kinds),
    impact: levelArb,
    urgency: levelArb,
    delay: delayArb,
    twice: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });
  const ticketArb = fc.record({
    openedAfter: fc.integer({ min: 0, max: 20 * unit }),
    openedDelay: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 * unit }) }),
    impact: levelArb,
    urgency: levelArb,
    steps: fc.array(stepArb, { maxLength: 9 }),
  });
  return fc
    .record({
      tickets: fc.array(ticketArb, { minLength: 1, maxLength: shape.maxTickets }),
      merge: fc.double({ min: 0, max: 0.8, noNaN: true }),
      tieBreak: fc.integer(),
    })
    .map(({ tickets, merge, tieBreak }) => {
      const deliveries = tickets.flatMap((t, i) => ticketDeliveries(t, `L${i}`, shape.tenantIds[i % shape.tenantIds.length], shape.start));
      // Deliveries at one instant arrive in a random order (several producers, several partitions).
      const arrivals = deliveries
        .map((d, i) => ({ ...d, tie: Math.sin(i * 7919 + tieBreak) }))
        .sort((a, b) => a.at - b.at || a.tie - b.tie);
      return intoBatches(arrivals, (i) => Math.abs(Math.sin(i * 104_729 + tieBreak)) < merge);
    });
}

interface Delivery {
  readonly at: number;
  readonly event: TicketEvent;
}

type TicketSpec = {
  openedAfter: number;
  openedDelay: number;
  impact: Level;
  urgency: Level;
  steps: { gap: number; kind: Kind; impact: Level; urgency: Level; delay: number; twice: boolean }[];
};

function ticketDeliveries(t: TicketSpec, ticketId: string, tenantId: string, start: number): Delivery[] {
  let at = start + t.openedAfter;
  const out: Delivery[] = [];
  let n = 0;
  const deliver = (type: TicketEvent['type'], delay: number, twice: boolean, extra: Partial<TicketEvent> = {}) => {
    const event: TicketEvent = { eventId: `${ticketId}-${n++}`, type, tenantId, ticketId, occurredAt: new Date(at).toISOString(), ...extra };
    out.push({ at: at + delay, event });
    if (twice) out.push({ at: at + delay + 1 + (n % 5) * 700, event });
  };
  deliver('ticket.opened', t.openedDelay, false, { impact: t.impact, urgency: t.urgency });
  for (const step of t.steps) {
    at += step.gap;
    if (step.kind === 'pause') deliver('ticket.updated', step.delay, step.twice, { status: 'pending_customer' });
    else if (step.kind === 'resume') deliver('ticket.updated', step.delay, step.twice, { status: 'in_progress' });
    else if (step.kind === 'priority') deliver('ticket.updated', step.delay, step.twice, { impact: step.impact, urgency: step.urgency });
    else if (step.kind === 'respond') deliver('ticket.responded', step.delay, step.twice);
    else if (step.kind === 'resolve') deliver('ticket.resolved', step.delay, step.twice);
    else if (step.kind === 'reopen') deliver('ticket.reopened', step.delay, step.twice);
    else deliver('ticket.closed', step.delay, step.twice);
  }
  return out;
}

/**
 * Cuts the arrivals into batches between instants, except where `merged(i)` keeps arrival `i + 1`
 * in the batch of arrival `i`; a batch is processed at its last arrival's instant. Arrivals of one
 * instant stay in one batch: the consumer never processes two batches at one instant (nor can
 * replay tell them apart).
 */
function intoBatches(arrivals: readonly Delivery[], merged: (i: number) => boolean): ArrivalBatch[] {
  const batches: { now: number; events: TicketEvent[] }[] = [];
  let current: TicketEvent[] = [];
  arrivals.forEach((d, i) => {
    current.push(d.event);
    const next = arrivals[i + 1];
    if (next === undefined || (next.at > d.at && !merged(i))) {
      batches.push({ now: d.at, events: current });
      current = [];
    }
  });
  return batches;
}
