import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  HEADERS,
  TICKET_PRIORITIZED_VERSION,
  parseTicketEvent,
  ticketKey,
  type TicketEvent,
  type TicketPrioritized,
} from '@stageplus/contracts';
import { type EventPublisher, PermanentMessageError, parseJsonValue, type IncomingMessage, type OutgoingMessage, RethrowRpcErrorsFilter } from '@stageplus/kafka';
import { PolicyError, type SlaPolicy } from '@stageplus/sla-policy';
import { PRIORITY_CONFIG, EVENT_PUBLISHER, SERVICE_NAME, SLA_POLICY } from '../../priority.tokens';
import type { PriorityConfig } from '../../priority.config';
import { enrichTicketEvent, tenantPlan } from './enrich-ticket-event';
import { classificationOf } from './ticket-classification';
import { TicketClassificationStore } from './ticket-classification.store';

/** The `@EventPattern` of ticket events; the app maps it to the configured topic. */
export const PRIORITIZE_TICKET = 'prioritize-ticket';

/**
 * Ticket events in, `ticket.prioritized` out. Resolves only once the enriched event is
 * acknowledged by the broker: the server commits the offset after that, so a crash in between
 * means a redelivery, never a loss. A redelivered (or repeated) eventId is enriched and published
 * again, identically but for `prioritizedAt`; the timer ignores a repeated eventId.
 */
@Controller()
@UseFilters(new RethrowRpcErrorsFilter())
export class PrioritizeTicketHandler {
  constructor(
    @Inject(SLA_POLICY) private readonly policy: SlaPolicy,
    @Inject(TicketClassificationStore) private readonly classifications: TicketClassificationStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(PRIORITY_CONFIG) private readonly config: PriorityConfig,
  ) {}

  @EventPattern(PRIORITIZE_TICKET)
  async prioritize(@Payload() message: IncomingMessage): Promise<void> {
    const event = parseEvent(message);
    // A refused tenant leaves no state behind.
    refusingPolicyErrors(() => tenantPlan(this.policy, event.tenantId));
    const classification = await this.classifications.apply(event.tenantId, event.ticketId, classificationOf(event));
    const prioritized = refusingPolicyErrors(() => enrichTicketEvent({ policy: this.policy, event, classification, now: new Date() }));
    await this.publisher.publish(this.config.topics.ticketsPrioritized, [prioritizedMessage(prioritized)]);
  }
}

/** The event in a message; a message that is not a valid event is permanent (`MESSAGE.*`, `EVENT.INVALID`). */
export function parseEvent(message: IncomingMessage): TicketEvent {
  const result = parseTicketEvent(parseJsonValue(message));
  if (result.ok) return result.value;
  throw new PermanentMessageError('EVENT.INVALID', result.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
}

export function prioritizedMessage(prioritized: TicketPrioritized): OutgoingMessage {
  return {
    key: ticketKey(prioritized.event.tenantId, prioritized.event.ticketId),
    value: prioritized,
    headers: {
      [HEADERS.eventType]: prioritized.type,
      [HEADERS.schemaVersion]: String(TICKET_PRIORITIZED_VERSION),
      [HEADERS.producer]: SERVICE_NAME,
    },
  };
}

/** The policy's answer for an event is deterministic: a refusal is permanent, never retried. */
function refusingPolicyErrors<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof PolicyError) throw new PermanentMessageError(error.code, error.message);
    throw error;
  }
}
