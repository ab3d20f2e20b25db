import { toKnownEvent } from '@stageplus/sla-engine';
import type { TicketRecord } from '../ticket-record/ticket-record';

/** A ticket's record with `events` events (opened, then updates), armed at 1,000: a hot ticket's, for the store's tests. */
export const recordWithEvents = (tenantId: string, ticketId: string, events: number): TicketRecord => ({
  ref: { tenantId, ticketId },
  events: Array.from({ length: events }, (_, seq) =>
    toKnownEvent({ eventId: `${ticketId}-${seq}`, type: seq === 0 ? 'ticket.opened' : 'ticket.updated', tenantId, ticketId, occurredAt: '2026-06-23T15:00:00Z', impact: 1, urgency: 1 }, seq),
  ),
  fired: new Map(),
  armedAt: 1_000,
});
