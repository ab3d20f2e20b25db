/**
 * Ticket events as upstream ticketing systems send them (intake API, `tickets.events` topic,
 * `sla replay` input). Ticket metadata only: no free text about patients or users.
 */

export const TICKET_EVENT_TYPES = [
  'ticket.opened',
  'ticket.updated',
  'ticket.responded',
  'ticket.resolved',
  'ticket.reopened',
  'ticket.closed',
] as const;

export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** Impact (1 extensive .. 4 minor) and urgency (1 critical .. 4 low) of the contract. */
export type Level = 1 | 2 | 3 | 4;

export interface TicketEvent {
  /** Idempotency key: a repeated eventId is ignored. */
  readonly eventId: string;
  readonly type: TicketEventType;
  readonly tenantId: string;
  readonly ticketId: string;
  /** Event time, ISO-8601 with offset: when it happened upstream. */
  readonly occurredAt: string;
  /** Processing time, ISO-8601: when it reached the system. Defaults to `occurredAt`. */
  readonly receivedAt?: string;
  /** Required on `ticket.opened`; on `ticket.updated` a change of priority. */
  readonly impact?: Level;
  readonly urgency?: Level;
  /** On `ticket.updated` (and optionally `ticket.opened`): the upstream status. */
  readonly status?: string;
  /** Who did it upstream (an agent or system id, never a patient's name). */
  readonly actor?: string;
  /** A short reason code, e.g. `customer_info_requested`. */
  readonly reason?: string;
}
