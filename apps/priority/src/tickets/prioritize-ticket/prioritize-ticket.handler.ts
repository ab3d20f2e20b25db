import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { HEADERS, TICKET_PRIORITIZED_VERSION, ticketKey, type TicketEvent, type TicketPrioritized } from '@stageplus/contracts';
import {
  type BatchResult,
  type EventPublisher,
  type IncomingBatch,
  type OutgoingMessage,
  type RefusedMessage,
  RethrowRpcErrorsFilter,
} from '@stageplus/kafka';
import { governingPolicy, latestVersion, PolicyError, type PolicyHistory, type SlaPolicy } from '@stageplus/sla-policy';
import type { PolicyFollower } from '@stageplus/sla-policy-feed';
import type { PriorityConfig } from '../../priority.config';
import { EVENT_PUBLISHER, PRIORITY_CONFIG, SERVICE_NAME, SLA_POLICIES } from '../../priority.tokens';
import { enrichTicketEvent } from './enrich-ticket-event';
import { admitTicketEvents } from './admit-ticket-events';
import { classificationOf } from './ticket-classification';
import { TicketClassificationStore } from './ticket-classification.store';

/** The `@EventPattern` of ticket events; the app maps it to the configured topic. */
export const PRIORITIZE_TICKET = 'prioritize-ticket';

/**
 * One partition's batch of ticket events in, its `ticket.prioritized` events out, in three steps
 * whatever the batch's size: refuse what can never be applied; record every classification in one
 * Redis round trip, in batch order, so that one ticket's events apply in order; publish every
 * enrichment in one send. Resolves with the refused messages once the broker acknowledged the
 * publish: the transport dead-letters them, then commits the batch. Anything thrown (Redis, the
 * broker) makes the transport retry the whole batch, which is harmless: the script ignores a
 * classification already recorded, and the timer ignores a repeated eventId.
 */
@Controller()
@UseFilters(new RethrowRpcErrorsFilter())
export class PrioritizeTicketHandler {
  constructor(
    @Inject(SLA_POLICIES) private readonly policies: PolicyFollower,
    @Inject(TicketClassificationStore) private readonly classifications: TicketClassificationStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(PRIORITY_CONFIG) private readonly config: PriorityConfig,
  ) {}

  @EventPattern(PRIORITIZE_TICKET)
  async prioritize(@Payload() batch: IncomingBatch): Promise<BatchResult> {
    // One history for the whole batch: a version arriving meanwhile applies from the next one.
    const history = this.policies.history;
    const latest = latestVersion(history).policy;
    const { admitted, refused } = admitTicketEvents(batch.messages, latest);
    const current = await this.classifications.applyAll(
      admitted.map(({ event }) => ({ tenantId: event.tenantId, ticketId: event.ticketId, candidate: classificationOf(event) })),
    );
    const now = new Date();
    const messages: OutgoingMessage[] = [];
    admitted.forEach(({ offset, event }, i) => {
      try {
        messages.push(prioritizedMessage(enrichTicketEvent({ policy: policyFor(history, latest, event, now.getTime()), event, classification: current[i], now })));
      } catch (error) {
        // The policy's answer for an event is deterministic: a refusal is permanent, never retried.
        if (!(error instanceof PolicyError)) throw error;
        refused.push({ offset, code: error.code, detail: error.message });
      }
    });
    await this.publisher.publish(this.config.topics.ticketsPrioritized, messages);
    return { refused: inOffsetOrder(refused) };
  }
}

/**
 * The version an event is enriched under: for an opening, the one governing its ticket
 * (`governingPolicy`, learnt now); otherwise the latest, since priority keeps no opening instant.
 * The timer decides the clocks with its own history either way.
 */
function policyFor(history: PolicyHistory, latest: SlaPolicy, event: TicketEvent, now: number): SlaPolicy {
  if (event.type !== 'ticket.opened') return latest;
  return governingPolicy(history, { tenantId: event.tenantId, openedAt: Date.parse(event.occurredAt), learntAt: now }, now);
}

function prioritizedMessage(prioritized: TicketPrioritized): OutgoingMessage {
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

/** Dead letters go out in the order of their originals. */
function inOffsetOrder(refused: RefusedMessage[]): RefusedMessage[] {
  return refused.sort((a, b) => (BigInt(a.offset) < BigInt(b.offset) ? -1 : BigInt(a.offset) > BigInt(b.offset) ? 1 : 0));
}
