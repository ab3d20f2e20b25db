import { toKnownEvent } from '@stageplus/sla-engine';
import { policy } from '../testing/keeper-world';
import { ticketHistory } from './ticket-history';

const T0 = Date.parse('2026-06-23T15:00:00Z');
const known = (eventId: string, type: 'ticket.opened' | 'ticket.updated' | 'ticket.closed', occurred: number, arrived: number, seq: number, extra = {}) =>
  toKnownEvent({ eventId, type, tenantId: 'tenant-a', ticketId: 'T-H', occurredAt: new Date(T0 + occurred).toISOString(), ...extra }, seq, T0 + arrived);

describe("a ticket's history", () => {
  it('stops changing at the close: an update after it, learnt first, is left out; a change before it, learnt late, is in', () => {
    const history = ticketHistory(
      [
        known('o', 'ticket.opened', 0, 0, 0, { impact: 4, urgency: 2 }),
        known('c', 'ticket.closed', 38_900, 38_900, 1),
        known('after', 'ticket.updated', 46_800, 46_800, 2, { impact: 4, urgency: 1, status: 'in_progress' }),
        known('before', 'ticket.updated', 34_800, 51_500, 3, { impact: 1, urgency: 3 }),
      ],
      policy,
    );
    expect(history.map((h) => `${h.eventId}${h.priority ? ` ${h.priority.from}->${h.priority.to}` : ''}`)).toEqual(['o null->P4', 'before P4->P2', 'c']);
  });
});
