import type { SlaPublication } from './ports';
import type { PrioritizedEvent } from '../apply-ticket-event/ticket-prioritized.parser';
import { CalendarError } from '@stageplus/sla-calendar';
import {
  clearingMarks,
  decideAt,
  EngineError,
  firingMarkOf,
  isFinal,
  outcomeMark,
  ticketOutcome,
  toKnownEvent,
  toSlaCleared,
  toSlaEvent,
  type DecideOptions,
  type Decision,
  type EvaluationContext,
  type KnownEvent,
} from '@stageplus/sla-engine';
import { PolicyError } from '@stageplus/sla-policy';
import { extendEvents, type FiredMark, type TicketRecord } from '../ticket-record/ticket-record';

/** An event the engine or the policy can never compute with: refused before it is stored. */
export interface RefusedEvent {
  readonly prioritized: PrioritizedEvent;
  readonly code: string;
  readonly message: string;
}

/** What one step of a ticket's clocks produced: the new record and what to publish. */
export interface ClockStep {
  readonly record: TicketRecord;
  /** Fired thresholds, then clears, then the ticket's outcome when it is done: in publication order. */
  readonly notifications: readonly SlaPublication[];
  readonly refused: readonly RefusedEvent[];
  /** False when nothing new was learnt or fired: nothing to write. */
  readonly changed: boolean;
  /** The next threshold instant to arm the ticket's timer for; null when none is upcoming. */
  readonly next: number | null;
  /** Closed, with nothing left to fire: the ticket leaves the changelog. */
  readonly done: boolean;
}

/**
 * Section 7 live, for one ticket, as a pure function: each new event is learnt at its processing
 * time `max(now, occurredAt)` and the engine decides once per processing instant, with every event
 * learnt at that instant (the same `decideAt`, at the same instants, as `sla replay`, which learns
 * an instant's events together); what is due fires. An event that makes the engine or the policy
 * throw a domain error is refused and not stored; any other error is a bug and propagates.
 */
export function applyEvents(record: TicketRecord, incoming: readonly PrioritizedEvent[], now: number, ctx: EvaluationContext): ClockStep {
  const events = extendEvents(record.events);
  const known = knownIds(events, incoming.length);
  const fired = new Map(record.fired);
  const notifications: SlaPublication[] = [];
  const refused: RefusedEvent[] = [];
  let last: Decision | null = null;
  for (const { at, arrivals } of byInstant(incoming, now)) {
    // Each event is checked with what came before it (a refusal names the event at fault); the
    // decision after the instant's last accepted event is the instant's decision.
    let decision: Decision | null = null;
    for (const prioritized of arrivals) {
      const { event } = prioritized;
      if (known.has(event.eventId)) continue; // a repeated eventId is ignored: the first arrival stands
      let learnt: KnownEvent;
      try {
        learnt = toKnownEvent(event, events.length, at);
        decision = decideAt([...events, learnt], firedKeys(fired), ctx, at);
      } catch (error) {
        refused.push(refusal(prioritized, error));
        continue;
      }
      events.push(learnt);
      known.add(event.eventId);
    }
    if (decision === null) continue;
    notifications.push(...markFired(decision, fired, at));
    last = decision;
  }
  if (last === null) return { record, notifications, refused, changed: false, next: null, done: false };
  notifications.push(...outcomeOf(last, fired, events.length));
  return { record: { ...record, events, fired }, notifications, refused, changed: true, next: nextOf(last), done: last.done };
}

/**
 * Whether an eventId is among `events` (which grows as events are learnt). A long-lived ticket's
 * update is usually alone in its batch: it scans the history rather than hashing all of it into
 * a set at every update; a batch bringing many events for a ticket (a replay) gets the set.
 */
function knownIds(events: readonly KnownEvent[], incoming: number): { has(id: string): boolean; add(id: string): void } {
  if (incoming > 4) return new Set(events.map((e) => e.eventId));
  return { has: (id) => events.some((e) => e.eventId === id), add: () => undefined };
}

/**
 * A batch's events by processing instant, earliest first, arrival order within one: an event from
 * an upstream clock ahead of ours is learnt at its `occurredAt`, after those learnt at `now`.
 */
function byInstant(incoming: readonly PrioritizedEvent[], now: number): { at: number; arrivals: PrioritizedEvent[] }[] {
  const instants = new Map<number, PrioritizedEvent[]>();
  for (const prioritized of incoming) {
    const occurredAt = Date.parse(prioritized.event.occurredAt); // NaN: refused when learnt
    const at = Number.isNaN(occurredAt) ? now : Math.max(now, occurredAt);
    const arrivals = instants.get(at);
    if (arrivals === undefined) instants.set(at, [prioritized]);
    else arrivals.push(prioritized);
  }
  return [...instants].sort(([a], [b]) => a - b).map(([at, arrivals]) => ({ at, arrivals }));
}

/**
 * The ticket's timer went off, or a correction of its policy version arrived (`publishedAt`, see
 * `DecideOptions`): decide at `now`, fire what is due, clear what no one has to act on any more.
 */
export function fireDue(record: TicketRecord, now: number, ctx: EvaluationContext, options: DecideOptions = {}): ClockStep {
  // A final ticket (its timer left to end after its close) is decided again by new events only.
  if (isFinal(record.fired, record.events.length)) return { record, notifications: [], refused: [], changed: false, next: null, done: true };
  const fired = new Map(record.fired);
  const decision = decideAt(record.events, firedKeys(fired), ctx, now, options);
  const notifications = [...markFired(decision, fired, now), ...outcomeOf(decision, fired, record.events.length)];
  return {
    record: { ...record, fired },
    notifications,
    refused: [],
    changed: notifications.length > 0,
    next: nextOf(decision),
    done: decision.done,
  };
}

/** What the decision fires and clears, marked in `fired` so that each happens once. */
function markFired(decision: Decision, fired: Map<string, FiredMark>, at: number): SlaPublication[] {
  if (decision.sla === null) return [];
  const sla = decision.sla;
  const thresholds = decision.fire.map((firing) => {
    fired.set(firingMarkOf(firing), { firedAt: at, late: firing.late });
    return toSlaEvent(sla, firing);
  });
  const clears = decision.clear.map((clearing) => {
    for (const mark of clearingMarks(clearing)) fired.set(mark, { firedAt: at, late: false });
    return toSlaCleared(sla, clearing);
  });
  return [...thresholds, ...clears];
}

/** A done ticket's outcome, once per number of events known (more events after closing revise it). */
function outcomeOf(decision: Decision, fired: Map<string, FiredMark>, eventCount: number): SlaPublication[] {
  const mark = outcomeMark(eventCount);
  if (!decision.done || decision.sla === null || fired.has(mark)) return [];
  const outcome = ticketOutcome(decision.sla, new Set(fired.keys()));
  if (outcome === null) return [];
  fired.set(mark, { firedAt: decision.state?.closedAt ?? 0, late: false });
  return [outcome];
}

const firedKeys = (fired: ReadonlyMap<string, FiredMark>): Set<string> => new Set(fired.keys());
const nextOf = (decision: Decision): number | null => decision.upcoming[0]?.at ?? null;

/** Domain errors are refusals with their stable code; anything else is a bug and is rethrown. */
function refusal(prioritized: PrioritizedEvent, error: unknown): RefusedEvent {
  if (error instanceof EngineError || error instanceof PolicyError || error instanceof CalendarError) {
    return { prioritized, code: error.code, message: error.message };
  }
  throw error;
}
