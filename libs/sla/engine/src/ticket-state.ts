import type { Level } from '@stageplus/contracts';
import { byEventTime, type KnownEvent } from './known-event';

/** Why the resolution clock did not count over an interval. */
export type PauseReason =
  /** The ticket's status was one of the policy's pause statuses (the status is kept). */
  | { readonly kind: 'status'; readonly status: string }
  /** The ticket was resolved, then reopened: the time in between did not count. */
  | { readonly kind: 'resolved' };

export interface Pause {
  readonly from: number;
  /** `Infinity` while the pause is still open. */
  readonly to: number;
  readonly reason: PauseReason;
}

export type StopCause = 'responded' | 'resolved' | 'closed';

export interface ClockStop {
  readonly at: number;
  readonly by: StopCause;
}

/** The SLA-relevant state of one ticket: a fold of its events in event-time order. */
export interface TicketState {
  readonly tenantId: string;
  readonly ticketId: string;
  /** Event time of `ticket.opened`; null until it is known. */
  readonly openedAt: number | null;
  /** Processing time at which that opening was learnt: with `openedAt`, it picks the policy version. */
  readonly openingLearntAt: number | null;
  readonly impact: Level | null;
  readonly urgency: Level | null;
  readonly status: string | null;
  readonly response: { readonly stop: ClockStop | null };
  readonly resolution: { readonly stop: ClockStop | null; readonly pauses: readonly Pause[] };
  readonly closedAt: number | null;
  /** Number of distinct events folded. */
  readonly eventCount: number;
}

export interface FoldOptions {
  /** Statuses that pause the resolution clock (the policy's `pauseStatuses`). */
  readonly pauseStatuses: readonly string[];
}

/** Deduplicates by eventId (first arrival wins) and sorts in event-time order. */
export function orderEvents(events: readonly KnownEvent[]): KnownEvent[] {
  // A record's events usually arrive in event-time order, so both sorts would leave them as they
  // are: skipped then, or a ticket with many events would pay them at every decision.
  const sorted = inOrder(events);
  const seen = new Set<string>();
  const unique: KnownEvent[] = [];
  for (const event of sorted ? events : [...events].sort((a, b) => a.seq - b.seq)) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    unique.push(event);
  }
  return sorted ? unique : unique.sort(byEventTime);
}

/** Arrival indexes strictly increasing and event times never decreasing: in order both ways. */
const inOrder = (events: readonly KnownEvent[]): boolean => events.every((e, i) => i === 0 || (events[i - 1].seq < e.seq && events[i - 1].occurredAt <= e.occurredAt));

/**
 * state = fold(events). Pure: the same events in any arrival order give the same state.
 * All events must belong to one ticket.
 */
export function foldTicket(events: readonly KnownEvent[], options: FoldOptions): TicketState | null {
  const ordered = orderEvents(events);
  if (ordered.length === 0) return null;
  const draft = newDraft(ordered[0]);
  for (const event of ordered) evolve(draft, event, options);
  return freeze(draft, ordered.length);
}

interface Draft {
  tenantId: string;
  ticketId: string;
  openedAt: number | null;
  openingLearntAt: number | null;
  impact: Level | null;
  urgency: Level | null;
  status: string | null;
  responseStop: ClockStop | null;
  resolutionStop: ClockStop | null;
  pauses: Pause[];
  closedAt: number | null;
}

function newDraft(first: KnownEvent): Draft {
  return {
    tenantId: first.tenantId,
    ticketId: first.ticketId,
    openedAt: null,
    openingLearntAt: null,
    impact: null,
    urgency: null,
    status: null,
    responseStop: null,
    resolutionStop: null,
    pauses: [],
    closedAt: null,
  };
}

function evolve(s: Draft, e: KnownEvent, options: FoldOptions): void {
  // Closed ends everything: an event that occurred after the close changes nothing, whenever it
  // arrives. Impact and urgency, hence priority and plan, are the fold's alone (section 5).
  if (s.closedAt !== null) return;
  if (e.impact !== undefined && e.urgency !== undefined) {
    s.impact = e.impact;
    s.urgency = e.urgency;
  }
  switch (e.type) {
    case 'ticket.opened':
      if (s.openedAt === null) {
        s.openedAt = e.occurredAt;
        s.openingLearntAt = e.receivedAt;
      }
      applyStatus(s, e, options);
      return;
    case 'ticket.updated':
      applyStatus(s, e, options);
      return;
    case 'ticket.responded':
      s.responseStop ??= { at: e.occurredAt, by: 'responded' };
      return;
    case 'ticket.resolved':
      // A resolution answers the customer too: it also stops a response clock still running.
      s.responseStop ??= { at: e.occurredAt, by: 'resolved' };
      if (s.resolutionStop === null) {
        closeOpenPause(s, e.occurredAt);
        s.resolutionStop = { at: e.occurredAt, by: 'resolved' };
      }
      return;
    case 'ticket.reopened':
      if (s.resolutionStop !== null) {
        s.pauses.push({ from: s.resolutionStop.at, to: e.occurredAt, reason: { kind: 'resolved' } });
        s.resolutionStop = null;
        s.status = null;
      }
      return;
    case 'ticket.closed':
      s.closedAt = e.occurredAt;
      s.responseStop ??= { at: e.occurredAt, by: 'closed' };
      if (s.resolutionStop === null) {
        closeOpenPause(s, e.occurredAt);
        s.resolutionStop = { at: e.occurredAt, by: 'closed' };
      }
      return;
    default:
      return assertNever(e.type);
  }
}

function applyStatus(s: Draft, e: KnownEvent, options: FoldOptions): void {
  if (e.status === undefined) return;
  s.status = e.status;
  if (s.resolutionStop !== null) return;
  const open = openPause(s);
  const pausing = options.pauseStatuses.includes(e.status);
  if (pausing && open === null) {
    s.pauses.push({ from: e.occurredAt, to: Infinity, reason: { kind: 'status', status: e.status } });
  } else if (!pausing && open !== null) {
    closeOpenPause(s, e.occurredAt);
  }
}

function openPause(s: Draft): Pause | null {
  const last = s.pauses[s.pauses.length - 1];
  return last !== undefined && last.to === Infinity ? last : null;
}

function closeOpenPause(s: Draft, at: number): void {
  const open = openPause(s);
  if (open === null) return;
  s.pauses[s.pauses.length - 1] = { ...open, to: at };
}

function freeze(s: Draft, eventCount: number): TicketState {
  return {
    tenantId: s.tenantId,
    ticketId: s.ticketId,
    openedAt: s.openedAt,
    openingLearntAt: s.openingLearntAt,
    impact: s.impact,
    urgency: s.urgency,
    status: s.status,
    response: { stop: s.responseStop },
    resolution: { stop: s.resolutionStop, pauses: s.pauses.filter((p) => p.to > p.from) },
    closedAt: s.closedAt,
    eventCount,
  };
}

function assertNever(value: never): never {
  throw new Error(`unhandled event type ${String(value)}`);
}
