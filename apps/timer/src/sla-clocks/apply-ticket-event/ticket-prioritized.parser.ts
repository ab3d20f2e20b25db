import { KEY_MISMATCH, parseTicketEvent, ticketKeyMismatch, type Plan, type Priority, type TicketEvent } from '@stageplus/contracts';
import { parseJsonValue, PermanentMessageError, type IncomingMessage } from '@stageplus/kafka';

/** A ticket event with what the priority service decided for its ticket, when it knew. */
export interface PrioritizedEvent {
  readonly event: TicketEvent;
  readonly classified?: { readonly priority: Priority; readonly plan: Plan };
}

const PRIORITIES: readonly unknown[] = ['P1', 'P2', 'P3', 'P4'];
const PLANS: readonly unknown[] = ['BASE', 'PLUS'];

/** The ticket event inside a `ticket.prioritized` message, or a permanent failure naming why. */
export function ticketEventOf(message: IncomingMessage): PrioritizedEvent & { policyVersion: string | null } {
  const value = parseJsonValue(message) as { type?: unknown; schemaVersion?: unknown; event?: unknown; policyVersion?: unknown; priority?: unknown; plan?: unknown };
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
  // The classifier's decision, used as it is (null before the ticket's ticket.opened is known).
  const classified = PRIORITIES.includes(value.priority) && PLANS.includes(value.plan)
    ? { priority: value.priority as Priority, plan: value.plan as Plan }
    : undefined;
  return { event: parsed.value, ...(classified ? { classified } : {}), policyVersion: typeof value.policyVersion === 'string' ? value.policyVersion : null };
}
