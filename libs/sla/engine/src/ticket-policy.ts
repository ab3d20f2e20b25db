import type { Plan } from '@stageplus/contracts';
import { governingPolicy, singleVersionHistory, type PolicyHistory, type SlaPolicy } from '@stageplus/sla-policy';
import { byEventTime, type KnownEvent } from './known-event';
import { foldTicket, type TicketState } from './ticket-state';

/**
 * What the engine evaluates with: the policy history, or a single policy (a one-version history,
 * what callers with one policy file mean).
 */
export type EvaluationContext = ({ readonly policy: SlaPolicy; readonly history?: undefined } | { readonly history: PolicyHistory; readonly policy?: undefined }) & {
  /** Applies one plan whatever the tenant registry says (what-if analyses). */
  readonly plan?: Plan;
};

/** The context's versions. */
export function historyOf(ctx: EvaluationContext): PolicyHistory {
  return ctx.history ?? singleVersionHistory(ctx.policy);
}

/** The newest version known at `t`: the one for what no opening decides yet. */
export function newestPolicy(ctx: EvaluationContext, t: number): SlaPolicy {
  const known = historyOf(ctx).versions.filter((v) => v.publishedAt <= t);
  return (known[known.length - 1] ?? historyOf(ctx).versions[0]).policy;
}

/** The version governing a folded ticket, as known at processing time `t` (`governingPolicy`). */
export function policyOfState(state: TicketState, ctx: EvaluationContext, t: number): SlaPolicy {
  if (ctx.history === undefined) return ctx.policy;
  if (state.openedAt === null || state.openingLearntAt === null) return newestPolicy(ctx, t);
  return governingPolicy(ctx.history, { tenantId: state.tenantId, openedAt: state.openedAt, learntAt: state.openingLearntAt }, t);
}

/**
 * The version governing a ticket's events at `t`. The opening the fold keeps is the first
 * `ticket.opened` in event time before any close; pause statuses do not change it, so it is found
 * before folding with the governing version's pause statuses.
 */
export function policyOfEvents(events: readonly KnownEvent[], ctx: EvaluationContext, t: number): SlaPolicy {
  if (ctx.history === undefined) return ctx.policy;
  const opening = openingOf(events);
  if (opening === null) return newestPolicy(ctx, t);
  return governingPolicy(ctx.history, { tenantId: opening.tenantId, openedAt: opening.occurredAt, learntAt: opening.receivedAt }, t);
}

/** `foldTicket` with the pause statuses of the version governing the ticket at `t`. */
export function foldUnderPolicy(events: readonly KnownEvent[], ctx: EvaluationContext, t: number): TicketState | null {
  return foldTicket(events, { pauseStatuses: policyOfEvents(events, ctx, t).pauseStatuses });
}

/**
 * The first opening or close in event-time order (`orderEvents`), an opening's only: found in one
 * pass, without ordering the whole history. A governing version is looked up at every decision
 * and every write of a ticket's paused index, and a long-lived ticket's history is mostly updates.
 */
export function openingOf(events: readonly KnownEvent[]): KnownEvent | null {
  let first: KnownEvent | null = null;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.type !== 'ticket.opened' && event.type !== 'ticket.closed') continue;
    if (first !== null && byEventTime(event, first) >= 0) continue; // ties: the earlier arrival stays first
    if (!isRepeat(events, event, i)) first = event;
  }
  return first?.type === 'ticket.opened' ? first : null;
}

/** `orderEvents`'s deduplication: an eventId's first arrival (least `seq`, then position) stands. */
const isRepeat = (events: readonly KnownEvent[], event: KnownEvent, at: number): boolean =>
  events.some((other, j) => other.eventId === event.eventId && (other.seq < event.seq || (other.seq === event.seq && j < at)));
