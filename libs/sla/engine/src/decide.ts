import { evaluateTicket, isOpened, type EvaluationContext, type TicketSla } from './evaluate-ticket';
import { clearingMarks, dueClearings, isClearingKey, type Clearing, type FollowedPublication } from './clearing';
import { dueAndUpcoming, upcomingThresholds, type Firing, type ScheduledThreshold } from './firing';
import type { KnownEvent } from './known-event';
import { foldUnderPolicy, policyOfEvents } from './ticket-policy';
import { foldTicket } from './ticket-state';
import type { TicketState } from './ticket-state';

/** What the engine decides for one ticket at processing time `t`. */
export interface Decision {
  readonly state: TicketState | null;
  /** Null until the ticket's `ticket.opened` is known. */
  readonly sla: TicketSla | null;
  /** Fire these now (section 7, rules 2 and 5). */
  readonly fire: readonly Firing[];
  /** Then these, each at its own instant, unless new events change them (rule 3). */
  readonly upcoming: readonly ScheduledThreshold[];
  /** Alerts to clear now, after `fire`: clocks that alerted and are now stopped or paused, or made moot by a correction. */
  readonly clear: readonly Clearing[];
  /** Closed, with nothing left to fire: the ticket's SLA is final. */
  readonly done: boolean;
}

export interface DecideOptions {
  /**
   * The decision follows the publication of a policy version at this instant (at or before `t`):
   * `replay` at each publication, the timer's `redecide` when a correction reaches it. Alerts the
   * publication made moot clear (`policy-corrected`); any other decision never clears for that.
   */
  readonly publishedAt?: number;
}

/**
 * The whole of section 7 for one ticket at processing time `t`: recompute from every known
 * event in event-time order, fire what is due, schedule the rest. Shared by `sla replay` and the
 * timer service, so that the live system and the replay are one engine.
 */
export function decideAt(
  events: readonly KnownEvent[],
  fired: ReadonlySet<string>,
  ctx: EvaluationContext,
  t: number,
  options: DecideOptions = {},
): Decision {
  const state = foldUnderPolicy(events, ctx, t);
  if (state === null || !isOpened(state)) return { state, sla: null, fire: [], upcoming: [], clear: [], done: false };
  const sla = evaluateTicket(state, ctx, t);
  const reached = dueAndUpcoming(sla, fired, t);
  const fire = reached.due.map((f) => (f.at < t && learntLate(events, ctx, f, t) ? { ...f, late: true } : f));
  const publication = options.publishedAt === undefined ? null : followed(events, ctx, t, options.publishedAt);
  const clear = dueClearings(sla, fired, fire, t, publication);
  // A threshold a correction withdraws now is upcoming again, at its corrected instant.
  const withdrawn = clear.flatMap(clearingMarks).filter((mark) => !isClearingKey(mark));
  const upcoming = withdrawn.length === 0 ? reached.upcoming : upcomingThresholds(sla, new Set([...fired, ...withdrawn]), t);
  return { state, sla, fire, upcoming, clear, done: state.closedAt !== null && upcoming.length === 0 };
}

/** The publication at `at` as a correction check reads it: the ticket under the version it replaced. */
function followed(events: readonly KnownEvent[], ctx: EvaluationContext, t: number, at: number): FollowedPublication {
  const before = () => {
    const policy = policyOfEvents(events, ctx, at - 1);
    if (policy === policyOfEvents(events, ctx, t)) return null;
    const state = foldTicket(events, { pauseStatuses: policy.pauseStatuses });
    return state === null || !isOpened(state) ? null : evaluateTicket(state, { policy, plan: ctx.plan }, t);
  };
  return { at, before };
}

/**
 * A firing is late when what the engine knew at the threshold's instant did not put the
 * threshold there: the event that revealed it (a late delivery, a priority raise) came after.
 * A threshold that was already scheduled at that instant is not late, however far behind its
 * timer runs (a busy worker, an outage) and whatever unrelated events came in between:
 * `firedAt - thresholdAt` tells that delay. A pure function of the log, so replay and the live
 * timer agree.
 */
function learntLate(events: readonly KnownEvent[], ctx: EvaluationContext, firing: Firing, t: number): boolean {
  const known = events.filter((e) => e.receivedAt <= firing.at);
  // Everything was known by then, under the same policy version (a correction published since
  // moves thresholds): the threshold stood where it stands now (instants do not depend on `now`),
  // so it was scheduled. Spares a fold and an evaluation per firing in a catch-up.
  if (known.length === events.length && policyOfEvents(events, ctx, firing.at) === policyOfEvents(events, ctx, t)) return false;
  const then = foldUnderPolicy(known, ctx, firing.at);
  if (then === null || !isOpened(then)) return true;
  const threshold = evaluateTicket(then, ctx, firing.at).clocks[firing.clock].thresholds.find((x) => x.percent === firing.percent);
  return !(threshold?.reached === true && threshold.at === firing.at);
}
