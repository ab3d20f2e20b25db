import fc from 'fast-check';
import type { TicketEvent } from '@stageplus/contracts';

const HOUR = 3_600_000;

/** One ticket's life as a list of steps, each some minutes after the previous one. */
const stepArb = fc.record({
  afterMinutes: fc.integer({ min: 1, max: 900 }),
  kind: fc.constantFrom('pause', 'resume', 'raise', 'lower', 'respond', 'resolve', 'reopen', 'close'),
  lateMinutes: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 240 })),
  duplicate: fc.boolean(),
});

const ticketArb = fc.record({
  openedOffsetHours: fc.integer({ min: 0, max: 24 * 14 }),
  impact: fc.constantFrom(1, 2, 3, 4),
  urgency: fc.constantFrom(1, 2, 3, 4),
  steps: fc.array(stepArb, { maxLength: 8 }),
});

/**
 * Random ticket logs: pauses, priority changes, reopens, late deliveries and duplicates, for
 * tickets opened over two weeks from `start`. Shared by property tests and by the pipeline's
 * live-versus-replay test.
 */
export function randomTicketLogArb(start: number, tenantIds: readonly string[], maxTickets = 12) {
  return fc.array(ticketArb, { minLength: 1, maxLength: maxTickets }).map((tickets) =>
    tickets.flatMap((t, i) => ticketEvents(t, `T-${i}`, tenantIds[i % tenantIds.length], start)),
  );
}

type TicketSpec = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

function ticketEvents(t: TicketSpec, ticketId: string, tenantId: string, start: number): TicketEvent[] {
  let at = start + t.openedOffsetHours * HOUR;
  const events: TicketEvent[] = [];
  const push = (type: TicketEvent['type'], lateMinutes: number, extra: Partial<TicketEvent> = {}, duplicate = false) => {
    const event: TicketEvent = {
      eventId: `${ticketId}-${events.length}`,
      type,
      tenantId,
      ticketId,
      occurredAt: new Date(at).toISOString(),
      receivedAt: new Date(at + lateMinutes * 60_000).toISOString(),
      ...extra,
    };
    events.push(event);
    if (duplicate) events.push({ ...event });
  };
  push('ticket.opened', 0, { impact: t.impact, urgency: t.urgency });
  for (const step of t.steps) {
    at += step.afterMinutes * 60_000;
    const [type, extra] = stepEvent(step.kind);
    push(type, step.lateMinutes, extra, step.duplicate);
  }
  return events;
}

function stepEvent(kind: string): [TicketEvent['type'], Partial<TicketEvent>] {
  switch (kind) {
    case 'pause':
      return ['ticket.updated', { status: 'pending_customer' }];
    case 'resume':
      return ['ticket.updated', { status: 'in_progress' }];
    case 'raise':
      return ['ticket.updated', { impact: 1, urgency: 2 }];
    case 'lower':
      return ['ticket.updated', { impact: 4, urgency: 4 }];
    case 'respond':
      return ['ticket.responded', {}];
    case 'resolve':
      return ['ticket.resolved', {}];
    case 'reopen':
      return ['ticket.reopened', {}];
    default:
      return ['ticket.closed', {}];
  }
}
