import type { Level, TicketEvent } from '@stageplus/contracts';

/**
 * A ticket's impact and urgency as set by one event. The one with the latest event time is the
 * ticket's current classification: an older update delivered late never overrides a newer one.
 */
export interface TicketClassification {
  readonly impact: Level;
  readonly urgency: Level;
  /** Event time (`occurredAt`) of the event that set it, in ms since the epoch. */
  readonly occurredAtMs: number;
  readonly eventId: string;
}

/** What an event says about its ticket's classification; null when it carries no impact and urgency. */
export function classificationOf(event: TicketEvent): TicketClassification | null {
  if (event.impact === undefined || event.urgency === undefined) return null;
  return {
    impact: event.impact,
    urgency: event.urgency,
    occurredAtMs: Date.parse(event.occurredAt),
    eventId: event.eventId,
  };
}
