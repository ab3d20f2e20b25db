import type { Level, TicketEvent, TicketEventType } from '@stageplus/contracts';
import { EngineError } from './engine-error';

/**
 * A ticket event as the engine holds it: instants as epoch ms, plus the order in which it was
 * learnt (`seq`) to break ties between events with the same event time.
 */
export interface KnownEvent {
  readonly eventId: string;
  readonly type: TicketEventType;
  readonly tenantId: string;
  readonly ticketId: string;
  /** Event time (ms): when it happened upstream. Deadlines use this only. */
  readonly occurredAt: number;
  /** Processing time (ms): when the engine learnt it; never before `occurredAt`. */
  readonly receivedAt: number;
  /** Arrival order among all events, for ties. */
  readonly seq: number;
  readonly impact?: Level;
  readonly urgency?: Level;
  readonly status?: string;
  readonly actor?: string;
  readonly reason?: string;
}

/**
 * Turns a validated ticket event into the engine's form. A `receivedAt` before `occurredAt`
 * (an upstream clock ahead of ours) is raised to `occurredAt`: nothing is learnt before it happens.
 */
export function toKnownEvent(event: TicketEvent, seq: number, receivedAt?: number): KnownEvent {
  const occurredAt = Date.parse(event.occurredAt);
  if (Number.isNaN(occurredAt)) {
    throw new EngineError('EVENT.INVALID_TIME', `occurredAt "${event.occurredAt}" is not a date-time`);
  }
  const received = receivedAt ?? (event.receivedAt === undefined ? occurredAt : Date.parse(event.receivedAt));
  if (Number.isNaN(received)) {
    throw new EngineError('EVENT.INVALID_TIME', `receivedAt "${event.receivedAt}" is not a date-time`);
  }
  return {
    eventId: event.eventId,
    type: event.type,
    tenantId: event.tenantId,
    ticketId: event.ticketId,
    occurredAt,
    receivedAt: Math.max(received, occurredAt),
    seq,
    impact: event.impact,
    urgency: event.urgency,
    status: event.status,
    actor: event.actor,
    reason: event.reason,
  };
}

/** Event-time order, ties by arrival order (semantics, section 5). */
export function byEventTime(a: KnownEvent, b: KnownEvent): number {
  return a.occurredAt - b.occurredAt || a.seq - b.seq;
}
