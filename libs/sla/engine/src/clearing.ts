import type { ClearReason, ClockName, SlaEventType } from '@stageplus/contracts';
import type { ClockSla } from './clock';
import type { TicketSla } from './evaluate-ticket';
import { firingKey, type ThresholdRef } from './firing';

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
  /** Event time of the stop or of the pause's start. */
  readonly since: number;
  readonly clearedAt: number;
  /** The clock's fired thresholds so far, in percent order; never empty. */
  readonly alerts: readonly AlertedThreshold[];
}

/**
 * The key of a clearing in a ticket's set of fired marks. A clock has an open alert while it has
 * fired thresholds and no mark for that many: a later threshold (after a pause, a reopening)
 * opens a new alert, which clears under a new key, so each clearing happens at most once.
 */
export function clearingKey(clock: ClockName, alertCount: number): string {
  return `${clock}:cleared:${alertCount}`;
}

/** Whether a mark of the fired set is a clearing rather than a threshold. */
export const isClearingKey = (key: string): boolean => key.includes(':cleared:');

/**
 * What clears at processing time `t`: every clock with an open alert (thresholds fired, counting
 * `firingNow`) that is stopped (responded, resolved or closed: its alerts need no one any more)
 * or held by an open pause (waiting on the customer). A clock whose priority dropped keeps its
 * alert until it stops or pauses: the thresholds it reached were reached.
 */
export function dueClearings(sla: TicketSla, fired: ReadonlySet<string>, firingNow: readonly ThresholdRef[], t: number): Clearing[] {
  const out: Clearing[] = [];
  for (const clock of [sla.clocks.response, sla.clocks.resolution]) {
    const alerts = alertedThresholds(clock, fired, firingNow);
    if (alerts.length === 0 || fired.has(clearingKey(clock.clock, alerts.length))) continue;
    const cause = clearCause(clock, t);
    if (cause !== null) out.push({ clock: clock.clock, ...cause, clearedAt: t, alerts });
  }
  return out;
}

function alertedThresholds(clock: ClockSla, fired: ReadonlySet<string>, firingNow: readonly ThresholdRef[]): AlertedThreshold[] {
  const now = new Set(firingNow.filter((f) => f.clock === clock.clock).map((f) => f.percent));
  return clock.thresholds
    .filter((x) => now.has(x.percent) || fired.has(firingKey({ clock: clock.clock, percent: x.percent })))
    .map((x) => ({ percent: x.percent, type: x.event, level: x.level }));
}

function clearCause(clock: ClockSla, t: number): { reason: ClearReason; since: number } | null {
  if (clock.stop !== null && clock.stop.at <= t) return { reason: clock.stop.by, since: clock.stop.at };
  if (clock.pausedSince !== null) return { reason: 'paused', since: clock.pausedSince };
  return null;
}
