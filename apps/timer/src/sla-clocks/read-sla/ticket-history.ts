import type { Level, Priority } from '@stageplus/contracts';
import { orderEvents, type KnownEvent } from '@stageplus/sla-engine';
import { priorityOf, type SlaPolicy } from '@stageplus/sla-policy';

const iso = (ms: number): string => new Date(ms).toISOString();

/** One thing that happened to the ticket's SLA, in event-time order, for the console's ticket page. */
export interface TicketHistoryEntry {
  readonly eventId: string;
  /** The ticket event's type (`ticket.opened`, `ticket.updated`, `ticket.responded`, ...). */
  readonly type: string;
  /** When it happened upstream (deadlines use this) and when the timer learnt it. */
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly actor: string | null;
  readonly reason: string | null;
  /** Set when the event set or changed the priority (its impact and urgency, through the matrix). */
  readonly priority?: { readonly from: Priority | null; readonly to: Priority; readonly impact: Level | null; readonly urgency: Level | null };
  /** Set when the event set or changed the ticket's status. */
  readonly status?: { readonly from: string | null; readonly to: string };
}

/**
 * The ticket's history from its record's events (duplicates dropped, event-time order): its
 * opening, every priority and status change with who and why, and its response, resolution,
 * reopening and closing. An update that changes neither priority nor status is left out, and so
 * is every update that occurred after the close: like the engine's fold, the history stops
 * changing there (other events after it are listed, changing nothing).
 */
export function ticketHistory(events: readonly KnownEvent[], policy: SlaPolicy): TicketHistoryEntry[] {
  const out: TicketHistoryEntry[] = [];
  let priority: Priority | null = null;
  let status: string | null = null;
  let closed = false;
  for (const e of orderEvents(events)) {
    const next = !closed && e.impact !== undefined && e.urgency !== undefined ? priorityOf(policy, e.impact, e.urgency) : null;
    const priorityChange = next !== null && next !== priority ? { from: priority, to: next, impact: e.impact ?? null, urgency: e.urgency ?? null } : undefined;
    const statusChange: TicketHistoryEntry['status'] = !closed && e.status !== undefined && e.status !== status ? { from: status, to: e.status } : undefined;
    if (next !== null) priority = next;
    if (statusChange) status = statusChange.to;
    if (e.type === 'ticket.closed') closed = true;
    if (e.type === 'ticket.updated' && priorityChange === undefined && statusChange === undefined) continue;
    out.push({
      eventId: e.eventId,
      type: e.type,
      occurredAt: iso(e.occurredAt),
      receivedAt: iso(e.receivedAt),
      actor: e.actor ?? null,
      reason: e.reason ?? null,
      ...(priorityChange ? { priority: priorityChange } : {}),
      ...(statusChange ? { status: statusChange } : {}),
    });
  }
  return out;
}
