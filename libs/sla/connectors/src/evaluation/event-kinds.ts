import type { TicketEvent } from '@stageplus/contracts';
import type { EventKind } from '../connector-mapping';
import type { TicketFacts } from './ticket-facts';

/** An event of a delivery before its id: `part` names it within the delivery. */
export type DraftEvent = Omit<TicketEvent, 'eventId' | 'tenantId' | 'ticketId' | 'occurredAt' | 'actor'> & { readonly part: string };

/** What one rule made: events, or why the delivery changes nothing. */
export type KindOutcome = { readonly events: readonly DraftEvent[] } | { readonly ignored: string };

const none = (ignored: string): KindOutcome => ({ ignored });
const just = (...events: DraftEvent[]): KindOutcome => ({ events });

/** The events a matched rule of kind `kind` makes of the delivery's facts. */
export async function eventsOfKind(kind: EventKind, facts: TicketFacts): Promise<KindOutcome> {
  switch (kind) {
    case 'opened':
      return opened(facts);
    case 'status':
      return statusChange(facts);
    case 'priority':
      return priorityChange(facts);
    case 'state':
      return state(facts);
    case 'responded':
      return just({ part: 'responded', type: 'ticket.responded' });
    case 'resolved':
    case 'closed':
    case 'reopened':
      return just({ part: kind, type: `ticket.${kind}` });
    default:
      return assertNever(kind);
  }
}

async function opened(facts: TicketFacts): Promise<KindOutcome> {
  const levels = await facts.requiredLevels();
  const status = await facts.status('status');
  const keep = status !== undefined && ['running', 'pause'].includes(facts.effectOf(status));
  return just({ part: 'opened', type: 'ticket.opened', ...levels, ...(keep ? { status } : {}) });
}

/**
 * A status change: resolved and closed stop the clocks; leaving resolved or closed reopens (then
 * the new status, which may pause); otherwise the new status, unless the previous one had the
 * same effect on the clock (Open → In Progress changes nothing for the SLA).
 */
async function statusChange(facts: TicketFacts): Promise<KindOutcome> {
  const status = await facts.status('status');
  if (status === undefined) return none('the delivery carries no status');
  const effect = facts.effectOf(status);
  if (effect === 'resolved' || effect === 'closed') return just({ part: 'status', type: `ticket.${effect}`, status });
  const previous = await facts.status('previousStatus');
  const before = previous === undefined ? undefined : facts.effectOf(previous);
  const updated: DraftEvent = { part: 'status', type: 'ticket.updated', status };
  if (before === 'resolved' || before === 'closed') return just({ part: 'reopened', type: 'ticket.reopened', status }, updated);
  if (before === effect && (effect === 'running' || previous === status)) {
    const raw = [await facts.reader.optional('previousStatus'), await facts.reader.optional('status')];
    return none(`status ${raw.map((s) => `"${String(s)}"`).join(' → ')} changes nothing for the SLA (${effect === 'pause' ? 'still paused' : 'still running'})`);
  }
  return just(updated);
}

async function priorityChange(facts: TicketFacts): Promise<KindOutcome> {
  const levels = await facts.levels();
  if (levels === undefined) return none('the delivery carries no priority');
  const previous = await facts.levels('previousPriority');
  if (previous !== undefined && previous.impact === levels.impact && previous.urgency === levels.urgency) {
    return none(`priority "${String(await facts.reader.optional('previousPriority'))}" → "${String(await facts.reader.optional('priority'))}" maps to the same STAGE+ priority`);
  }
  return just({ part: 'priority', type: 'ticket.updated', ...levels });
}

/** Sources that send the ticket as it stands: its status and priority now, restated. */
async function state(facts: TicketFacts): Promise<KindOutcome> {
  const status = await facts.status('status');
  const effect = status === undefined ? undefined : facts.effectOf(status);
  if (effect === 'resolved' || effect === 'closed') return just({ part: 'state', type: `ticket.${effect}`, status });
  const levels = await facts.levels();
  if (status === undefined && levels === undefined) return none('the delivery carries neither status nor priority');
  return just({ part: 'state', type: 'ticket.updated', ...(status !== undefined ? { status } : {}), ...(levels ?? {}) });
}

function assertNever(kind: never): never {
  throw new Error(`unknown event kind ${String(kind)}`);
}
