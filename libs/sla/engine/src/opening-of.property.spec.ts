import fc from 'fast-check';
import type { TicketEventType } from '@stageplus/contracts';
import type { KnownEvent } from './known-event';
import { openingOf } from './ticket-policy';
import { orderEvents } from './ticket-state';

/** The definition: the first opening or close of the ordered, deduplicated history, an opening's only. */
function openingByOrder(events: readonly KnownEvent[]): KnownEvent | null {
  for (const event of orderEvents(events)) {
    if (event.type === 'ticket.closed') return null;
    if (event.type === 'ticket.opened') return event;
  }
  return null;
}

const types: TicketEventType[] = ['ticket.opened', 'ticket.updated', 'ticket.closed', 'ticket.responded'];

/** Few ids, instants and arrival indexes, so that repeats and ties of every kind are common. */
const eventArb = fc.record({
  eventId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  type: fc.constantFrom(...types),
  occurredAt: fc.integer({ min: 0, max: 4 }),
  seq: fc.integer({ min: 0, max: 6 }),
});

const historyArb = fc.array(eventArb, { maxLength: 12 }).map((rows) =>
  rows.map((r): KnownEvent => ({ ...r, tenantId: 't', ticketId: 'T-1', receivedAt: r.occurredAt })),
);

describe('openingOf', () => {
  it('finds the event ordering the whole history would find, repeats and ties included', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        expect(openingOf(events)).toBe(openingByOrder(events));
      }),
      { numRuns: 5_000 },
    );
  });

  it('ignores an opening that repeats the eventId of an event learnt before it', () => {
    const event = (eventId: string, type: TicketEventType, seq: number): KnownEvent => ({ eventId, type, tenantId: 't', ticketId: 'T-1', occurredAt: seq, receivedAt: 10, seq });
    const update = event('x', 'ticket.updated', 1);
    const repeat = event('x', 'ticket.opened', 2);
    const opening = event('y', 'ticket.opened', 3);
    expect(openingOf([repeat, update, opening])).toBe(opening);
  });
});
