import type { ClearReason, ClockName, SlaEventType } from '@stageplus/contracts';
import type { ClockSla } from './clock';
import type { TicketSla } from './evaluate-ticket';
import { clockFirings, firingMark, firings, standsFired, withdrawalMark } from './fired-marks';
import type { ThresholdRef } from './firing';

/** A threshold of a clock that was alerted (fired): what an `sla.cleared` resolves. */
export interface AlertedThreshold {
  readonly percent: number;
  readonly type: SlaEventType;
  readonly level: number | null;
}

/** A decision to clear a clock's open alert at processing time `clearedAt`. */
export interface Clearing {
  readonly clock: ClockName;
  readonly reason: ClearReason;
  /** Event time of the stop or of the pause's start; the publication of the correction for `policy-corrected`. */
  readonly since: number;
  readonly clearedAt: number;
  /** The clock's fired thresholds so far, in percent order; never empty. */
  readonly alerts: readonly AlertedThreshold[];
  /** The clock's firings so far, re-firings after a correction included: the `n` of its mark and id. */
  readonly count: number;
  /** The firings a correction withdraws (`policy-corrected`): each threshold fires again when reached. */
  readonly withdraws: readonly (ThresholdRef & { readonly nth: number })[];
}

/**
 * A policy version published at `at`, which the decision follows (`replay` at each publication
 * instant, the timer's `redecide`): an open alert it made moot clears (`policy-corrected`).
 */
export interface FollowedPublication {
  readonly at: number;
  /**
   * The ticket as the version that governed it before that publication reads it, at the same
   * processing time and with the same events; null when the publication did not change the version
   * governing the ticket (a plain new version, a correction of another one).
   */
  readonly before: () => TicketSla | null;
}

/**
 * The key of a clearing in a ticket's set of fired marks. A clock has an open alert while it has
 * fired and there is no mark for that many firings: a later threshold (after a pause, a reopening,
 * a correction) opens a new alert, which clears under a new key, so each clearing happens once.
 */
export function clearingKey(clock: ClockName, firingCount: number): string {
  return `${clock}:cleared:${firingCount}`;
}

/** Whether a mark of the fired set is a clearing rather than a threshold. */
export const isClearingKey = (key: string): boolean => key.includes(':cleared:');

/** The marks a clearing adds to the ticket's fired set: its own, then the withdrawals. */
export const clearingMarks = (clearing: Clearing): string[] => [
  clearingKey(clearing.clock, clearing.count),
  ...clearing.withdraws.map((w) => withdrawalMark(w, w.nth)),
];

/**
 * What clears at processing time `t`: every clock with an open alert (thresholds fired, counting
 * `firingNow`) that is stopped (responded, resolved or closed: its alerts need no one any more)
 * or held by an open pause (waiting on the customer). A clock whose priority dropped keeps its
 * alert until it stops or pauses: the thresholds it reached were reached. When the decision
 * follows a policy publication, an alert the publication made moot clears too (`policyCorrected`).
 */
export function dueClearings(
  sla: TicketSla,
  fired: ReadonlySet<string>,
  firingNow: readonly ThresholdRef[],
  t: number,
  publication: FollowedPublication | null = null,
): Clearing[] {
  const out: Clearing[] = [];
  for (const clock of [sla.clocks.response, sla.clocks.resolution]) {
    const now = firingNow.filter((f) => f.clock === clock.clock);
    const alerts = alertedThresholds(clock, fired, now);
    const count = clockFirings(fired, clock.clock) + now.length;
    if (alerts.length === 0 || fired.has(clearingKey(clock.clock, count))) continue;
    const cause = clearCause(clock, t);
    if (cause !== null) out.push({ clock: clock.clock, ...cause, clearedAt: t, alerts, count, withdraws: [] });
    else if (publication !== null && now.length === 0) {
      const withdraws = policyCorrected(clock, fired, t, publication);
      if (withdraws.length > 0) out.push({ clock: clock.clock, reason: 'policy-corrected', since: publication.at, clearedAt: t, alerts, count, withdraws });
    }
  }
  return out;
}

/**
 * The rule for a correction, one place for the timer and `replay`: a clock's open alert is moot
 * when the clock, under the version now governing the ticket, has reached none of the thresholds
 * that stand fired by `t` (their instants moved after it: a target raised, a holiday added),
 * while under the version the publication replaced it had reached at least one by `t` (so the
 * publication, not a priority lowered earlier, made it moot). Those firings are withdrawn: each
 * threshold fires again, a new alert, when the clock reaches it. Any of them still reached, a
 * breach whose corrected deadline is still past included, keeps the alert open: what fired
 * stays fired.
 */
function policyCorrected(clock: ClockSla, fired: ReadonlySet<string>, t: number, publication: FollowedPublication) {
  const standing = clock.thresholds.filter((x) => standsFired(fired, { clock: clock.clock, percent: x.percent }));
  if (standing.length === 0 || standing.some((x) => reachedBy(x, t))) return [];
  const before = publication.before()?.clocks[clock.clock].thresholds ?? [];
  if (!before.some((x) => reachedBy(x, t) && standing.some((s) => s.percent === x.percent))) return [];
  return standing.map((x) => {
    const ref = { clock: clock.clock, percent: x.percent };
    return { ...ref, nth: firings(fired, ref) };
  });
}

const reachedBy = (x: { readonly reached: boolean; readonly at: number | null }, t: number): boolean => x.reached && x.at !== null && x.at <= t;

function alertedThresholds(clock: ClockSla, fired: ReadonlySet<string>, firingNow: readonly ThresholdRef[]): AlertedThreshold[] {
  const now = new Set(firingNow.map((f) => f.percent));
  return clock.thresholds
    .filter((x) => now.has(x.percent) || fired.has(firingMark({ clock: clock.clock, percent: x.percent })))
    .map((x) => ({ percent: x.percent, type: x.event, level: x.level }));
}

function clearCause(clock: ClockSla, t: number): { reason: ClearReason; since: number } | null {
  if (clock.stop !== null && clock.stop.at <= t) return { reason: clock.stop.by, since: clock.stop.at };
  if (clock.pausedSince !== null) return { reason: 'paused', since: clock.pausedSince };
  return null;
}
