import { parseTicketEvent, type TicketEvent } from '@stageplus/contracts';
import { parseJsonValue, PermanentMessageError, type IncomingMessage } from '@stageplus/kafka';

/** The ticket event inside a `ticket.prioritized` message, or a permanent failure naming why. */
export function ticketEventOf(message: IncomingMessage): { event: TicketEvent; policyVersion: string | null } {
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
  return { event: parsed.value, policyVersion: typeof value.policyVersion === 'string' ? value.policyVersion : null };
}
