import { KEY_MISMATCH, parseTicketEvent, ticketKeyMismatch, type TicketEvent } from '@stageplus/contracts';
import { parseJsonValue, permanentFailure, type IncomingMessage, type RefusedMessage } from '@stageplus/kafka';
import { PolicyError, type SlaPolicy } from '@stageplus/sla-policy';
import { tenantPlan } from './enrich-ticket-event';

/** A batch's messages split into the ticket events to apply, in order, and those refused for good. */
export interface AdmittedBatch {
  readonly admitted: { readonly offset: string; readonly event: TicketEvent }[];
  readonly refused: RefusedMessage[];
}

/**
 * Parses each message and refuses, with a stable code, what can never be applied: not JSON or
 * no value (`MESSAGE.NOT_JSON`, `MESSAGE.EMPTY`), not a valid ticket event (`EVENT.INVALID`), a
 * key other than its event's `tenantId:ticketId` (`MESSAGE.KEY_MISMATCH`: re-keying it here
 * would not put it back among its ticket's events, on their partition, in their order), a
 * tenant the policy does not know (`POLICY.UNKNOWN_TENANT`). Refused before anything is stored,
 * so that a refused tenant leaves no state behind. Pure: no I/O, no clock.
 */
export function admitTicketEvents(messages: readonly IncomingMessage[], policy: SlaPolicy): AdmittedBatch {
  const admitted: { offset: string; event: TicketEvent }[] = [];
  const refused: RefusedMessage[] = [];
  for (const message of messages) {
    const outcome = admit(message, policy);
    if ('event' in outcome) admitted.push({ offset: message.offset, event: outcome.event });
    else refused.push({ offset: message.offset, ...outcome });
  }
  return { admitted, refused };
}

function admit(message: IncomingMessage, policy: SlaPolicy): { event: TicketEvent } | { code: string; detail: string } {
  let value: unknown;
  try {
    value = parseJsonValue(message);
  } catch (error) {
    const failure = permanentFailure(error);
    if (failure === null) throw error;
    return { code: failure.code, detail: failure.message };
  }
  const parsed = parseTicketEvent(value);
  if (!parsed.ok) return { code: 'EVENT.INVALID', detail: parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ') };
  const mismatch = ticketKeyMismatch(message.key, parsed.value);
  if (mismatch !== null) return { code: KEY_MISMATCH, detail: mismatch };
  try {
    tenantPlan(policy, parsed.value.tenantId);
  } catch (error) {
    if (error instanceof PolicyError) return { code: error.code, detail: error.message };
    throw error;
  }
  return { event: parsed.value };
}
