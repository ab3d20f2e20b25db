import { evaluateTicket, isOpened, type EvaluationContext, type TicketSla } from './evaluate-ticket';
import { dueFirings, upcomingThresholds, type Firing, type ScheduledThreshold } from './firing';
import type { KnownEvent } from './known-event';
import { foldTicket, type TicketState } from './ticket-state';

/** What the engine decides for one ticket at processing time `t`. */
export interface Decision {
  readonly state: TicketState | null;
  /** Null until the ticket's `ticket.opened` is known. */
  readonly sla: TicketSla | null;
  /** Fire these now (section 7, rules 2 and 5). */
  readonly fire: readonly Firing[];
  /** Then these, each at its own instant, unless new events change them (rule 3). */
  readonly upcoming: readonly ScheduledThreshold[];
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
): Decision {
  const state = foldTicket(events, { pauseStatuses: ctx.policy.pauseStatuses });
  if (state === null || !isOpened(state)) return { state, sla: null, fire: [], upcoming: [] };
  const sla = evaluateTicket(state, ctx, t);
  const learnedAt = events.reduce((latest, e) => (e.receivedAt <= t && e.receivedAt > latest ? e.receivedAt : latest), -Infinity);
  return { state, sla, fire: dueFirings(sla, fired, t, learnedAt), upcoming: upcomingThresholds(sla, fired, t) };
}
