import type { ClockName } from '@stageplus/contracts';

/** A threshold of one clock, identified for "fires at most once" bookkeeping. */
export interface ThresholdRef {
  readonly clock: ClockName;
  readonly percent: number;
}

/**
 * A ticket's fired set holds marks, each a string: what fired, what cleared, what a correction
 * withdrew. The timer keeps them in its record, `replay` in memory; both add exactly the marks of
 * the engine's decisions, so that each threshold and each clear happens once.
 *
 * - `clock:percent`: the threshold fired; `clock:percent:n` its n-th firing (n >= 2), possible
 *   only after a correction withdrew the one before;
 * - `clock:percent:withdrawn:n`: a correction withdrew its n-th firing (cleared as
 *   `policy-corrected`): the threshold fires again when the clock reaches it;
 * - `clock:cleared:n`: the clock's alert cleared when it had fired n times (`clearingKey`);
 * - `outcome:n`: the outcome of the done ticket was published when it had n events.
 */

/** The mark of the `nth` firing of a threshold: `clock:percent`, then `clock:percent:nth`. */
export function firingMark(ref: ThresholdRef, nth = 1): string {
  return nth > 1 ? `${ref.clock}:${ref.percent}:${nth}` : `${ref.clock}:${ref.percent}`;
}

/** The mark of a correction withdrawing the `nth` firing of a threshold. */
export function withdrawalMark(ref: ThresholdRef, nth: number): string {
  return `${ref.clock}:${ref.percent}:withdrawn:${nth}`;
}

/** How many times the threshold fired. */
export function firings(fired: ReadonlySet<string>, ref: ThresholdRef): number {
  let n = 0;
  while (fired.has(firingMark(ref, n + 1))) n++;
  return n;
}

/** Whether the threshold stands fired: it fired, and no correction withdrew its latest firing. */
export function standsFired(fired: ReadonlySet<string>, ref: ThresholdRef): boolean {
  const n = firings(fired, ref);
  return n > 0 && !fired.has(withdrawalMark(ref, n));
}

const FIRING_MARK = /^(response|resolution):[0-9.]+(:[0-9]+)?$/;

/** Whether a mark records a firing (rather than a clear, a withdrawal or the timer's own marks). */
export const isFiringMark = (mark: string): boolean => FIRING_MARK.test(mark);

/** Every firing of a clock, re-firings included: the `n` of its clearing marks and ids. */
export function clockFirings(fired: Iterable<string>, clock: ClockName): number {
  let n = 0;
  for (const mark of fired) if (isFiringMark(mark) && mark.startsWith(`${clock}:`)) n++;
  return n;
}

/**
 * The mark of the outcome of a done ticket with `eventCount` events: published once per number of
 * events, so that only a new event revises it (never a decision again over the same events, under a
 * correction published since).
 */
export const outcomeMark = (eventCount: number): string => `outcome:${eventCount}`;

/**
 * Whether a ticket is final: done (closed, nothing left to fire) with its outcome published for
 * the events it has. Only a new event revises it: neither its timer going off again nor a correction
 * published since decides it again (closing is final; the timer forgets it).
 */
export const isFinal = (fired: ReadonlySet<string> | ReadonlyMap<string, unknown>, eventCount: number): boolean => fired.has(outcomeMark(eventCount));
