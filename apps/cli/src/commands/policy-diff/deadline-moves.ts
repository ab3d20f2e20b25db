import type { ClockName } from '@stageplus/contracts';
import { evaluateTicket, foldUnderPolicy, isOpened, type EvaluationContext, type KnownEvent, type TicketSla } from '@stageplus/sla-engine';

/** An open ticket as the timer holds it: its events and the thresholds it already fired. */
export interface OpenTicket {
  readonly tenantId: string;
  readonly ticketId: string;
  /** The version the timer says governs it; a ticket under another version than OLD is not diffed. */
  readonly policyVersion: string;
  readonly events: readonly KnownEvent[];
  readonly fired: readonly { readonly clock: ClockName; readonly percent: number; readonly firedAt: number }[];
}

/** A threshold that fired under OLD whose instant NEW puts elsewhere. */
export interface FiredElsewhere {
  readonly percent: number;
  readonly firedAt: number;
  /** Where NEW puts it; null when NEW does not reach it (the clock stopped or paused short of it). */
  readonly newAt: number | null;
  /** Whether NEW would have fired it by `now` too. */
  readonly wouldHaveFired: boolean;
}

/** One clock of one ticket whose deadline NEW moves. */
export interface DeadlineMove {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly clock: ClockName;
  /** The establishment's zone, where people read the instants. */
  readonly timeZone: string;
  /** The deadline (ms); null while the clock is paused short of it. */
  readonly oldDueAt: number | null;
  readonly newDueAt: number | null;
  /** Business time of the target (ms): what moves a paused clock, whose deadline is unknown. */
  readonly oldTargetMs: number;
  readonly newTargetMs: number;
  readonly firedElsewhere: readonly FiredElsewhere[];
  /** Thresholds not fired yet that NEW puts at or before `now`: the timer fires them, late, once NEW is published. */
  readonly firesAtOnce: readonly number[];
}

export interface DeadlineDiff {
  readonly examined: number;
  /** Tickets the timer evaluates under another version than OLD: OLD says nothing about them. */
  readonly otherVersion: number;
  readonly moves: readonly DeadlineMove[];
}

/**
 * Evaluates every open ticket as of `now` before (OLD) and after (NEW published) and keeps the
 * clocks whose deadline, or paused target, moves. Pure: the engine's fold and evaluation only.
 */
export function deadlineMoves(tickets: readonly OpenTicket[], oldVersion: string, before: EvaluationContext, after: EvaluationContext, now: number): DeadlineDiff {
  const moves: DeadlineMove[] = [];
  let examined = 0;
  let otherVersion = 0;
  for (const ticket of tickets) {
    if (ticket.policyVersion !== oldVersion) {
      otherVersion++;
      continue;
    }
    const old = evaluate(ticket, before, now);
    const next = evaluate(ticket, after, now);
    if (old === null || next === null) continue;
    examined++;
    for (const clock of ['response', 'resolution'] as const) {
      const move = clockMove(ticket, clock, old, next, now);
      if (move !== null) moves.push(move);
    }
  }
  return { examined, otherVersion, moves };
}

function evaluate(ticket: OpenTicket, ctx: EvaluationContext, now: number): TicketSla | null {
  const state = foldUnderPolicy(ticket.events, ctx, now);
  if (state === null || !isOpened(state) || state.closedAt !== null) return null;
  return evaluateTicket(state, ctx, now);
}

function clockMove(ticket: OpenTicket, clock: ClockName, old: TicketSla, next: TicketSla, now: number): DeadlineMove | null {
  const before = old.clocks[clock];
  const after = next.clocks[clock];
  // A stopped clock's deadline no longer matters to anyone waiting on it.
  if (before.stop !== null) return null;
  const moved = before.dueAt !== null || after.dueAt !== null ? before.dueAt !== after.dueAt : before.targetMs !== after.targetMs;
  if (!moved) return null;
  const fired = ticket.fired.filter((f) => f.clock === clock);
  const firedElsewhere = fired.flatMap((f): FiredElsewhere[] => {
    const was = before.thresholds.find((t) => t.percent === f.percent);
    const is = after.thresholds.find((t) => t.percent === f.percent);
    const newAt = is?.reached === true ? is.at : null;
    if (was?.at === newAt) return [];
    return [{ percent: f.percent, firedAt: f.firedAt, newAt, wouldHaveFired: newAt !== null && newAt <= now }];
  });
  const firedPercents = new Set(fired.map((f) => f.percent));
  const firesAtOnce = after.thresholds.filter((t) => t.reached && t.at !== null && t.at <= now && !firedPercents.has(t.percent)).map((t) => t.percent);
  return {
    tenantId: ticket.tenantId,
    ticketId: ticket.ticketId,
    clock,
    timeZone: next.timeZone,
    oldDueAt: before.dueAt,
    newDueAt: after.dueAt,
    oldTargetMs: before.targetMs,
    newTargetMs: after.targetMs,
    firedElsewhere,
    firesAtOnce,
  };
}
