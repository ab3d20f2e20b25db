import { KEY_MISMATCH, parseTicketEvent, ticketKeyMismatch, type TicketEvent } from '@stageplus/contracts';
import { parseJsonValue, PermanentMessageError, type IncomingMessage } from '@stageplus/kafka';

/**
 * A ticket event as the timer takes it from `tickets.prioritized`. The priority service's stamp
 * (priority, plan, targets) is not kept: the timer decides them with the engine's event-time fold,
 * the one rule `sla replay` applies too (docs/sla-semantics.md, "Who decides").
 */
export interface PrioritizedEvent {
  readonly event: TicketEvent;
}

/** The ticket event inside a `ticket.prioritized` message, or a permanent failure naming why. */
export function ticketEventOf(message: IncomingMessage): PrioritizedEvent & { policyVersion: string | null } {
  const value = parseJsonValue(message) as { type?: unknown; schemaVersion?: unknown; event?: unknown; policyVersion?: unknown };
  if (value === null || typeof value !== 'object' || value.type !== 'ticket.prioritized') {
    throw new PermanentMessageError('MESSAGE.UNEXPECTED_TYPE', 'expected a ticket.prioritized message');
  }
  if (value.schemaVersion !== 1) {
    throw new PermanentMessageError('MESSAGE.UNSUPPORTED_VERSION', `schemaVersion ${String(value.schemaVersion)} is not supported`);
  }
  const parsed = parseTicketEvent(value.event);
  if (!parsed.ok) {
    throw new PermanentMessageError('EVENT.INVALID', parsed.errors.map((e) => `event.${e.field}: ${e.message}`).join('; '));
  }
  // Priority keys what it publishes by the event's ticket; any other key means another producer
  // partitioned it, and this ticket's clocks (owned per partition) would be split.
  const mismatch = ticketKeyMismatch(message.key, parsed.value);
  if (mismatch !== null) throw new PermanentMessageError(KEY_MISMATCH, mismatch);
  return { event: parsed.value, policyVersion: typeof value.policyVersion === 'string' ? value.policyVersion : null };
}
