import { foldTicket, historyOf, policyOfEvents, type EvaluationContext } from '@stageplus/sla-engine';
import type { TicketRecord } from './ticket-record';

/**
 * When a ticket's resolution clock was paused, if it is paused now; null otherwise. What a clock
 * store keeps in its paused index (the at-risk board's `state=paused`, `ClockStore.open`).
 */
export type PauseReader = (record: TicketRecord) => number | null;

/** For a store whose paused index stays empty (specs that never read it). */
export const neverPaused: PauseReader = () => null;

/**
 * Pauses read under the version governing each ticket (`policyOfEvents`: the version in force at
 * its opening, a correction of it once published), from the history the keeper decides with, as
 * known at `clock()`. A ticket's pause statuses are its version's, for its whole life: neither the
 * file the timer started with nor a version published after its opening decides them.
 */
export function governedPause(ctx: () => EvaluationContext, clock: () => number): PauseReader {
  return (record) => {
    // Most writes are of tickets that never took a status any version pauses on: no version to
    // look up, nothing to fold (a ticket updated all day long would otherwise pay both per write).
    const context = ctx();
    const pausing = anyVersionPauses(context);
    if (!record.events.some((e) => e.status !== undefined && pausing.has(e.status))) return null;
    return pausedSince(record, policyOfEvents(record.events, context, clock()).pauseStatuses);
  };
}

/** The statuses some version of the context pauses on, by history or single policy (a new version, a new set). */
const pausingStatuses = new WeakMap<object, ReadonlySet<string>>();

function anyVersionPauses(ctx: EvaluationContext): ReadonlySet<string> {
  const key: object = ctx.history ?? ctx.policy;
  let statuses = pausingStatuses.get(key);
  if (statuses === undefined) {
    statuses = new Set(historyOf(ctx).versions.flatMap((v) => v.policy.pauseStatuses));
    pausingStatuses.set(key, statuses);
  }
  return statuses;
}

/** Whether the ticket ever took one of the pause statuses: only those can be paused. */
const everPaused = (record: TicketRecord, pauseStatuses: readonly string[]): boolean =>
  record.events.some((e) => e.status !== undefined && pauseStatuses.includes(e.status));

/**
 * When the ticket's resolution clock was paused under these pause statuses, if it is paused now
 * (an open pause of a ticket neither resolved nor closed); null otherwise. A ticket that never
 * took a pause status skips the fold.
 */
export function pausedSince(record: TicketRecord, pauseStatuses: readonly string[]): number | null {
  if (!everPaused(record, pauseStatuses)) return null;
  const state = foldTicket(record.events, { pauseStatuses });
  if (state === null || state.closedAt !== null || state.resolution.stop !== null) return null;
  const last = state.resolution.pauses[state.resolution.pauses.length - 1];
  return last !== undefined && last.to === Infinity ? last.from : null;
}
