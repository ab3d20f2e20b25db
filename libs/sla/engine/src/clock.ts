import type { ClockName, SlaEventType } from '@stageplus/contracts';
import type { Calendar, Interval } from '@stageplus/sla-calendar';
import type { ThresholdRule } from '@stageplus/sla-policy';
import type { ClockStop, Pause } from './ticket-state';

/** Everything one clock's arithmetic needs. */
export interface ClockInput {
  readonly clock: ClockName;
  /** Event time at which the clock starts (the ticket's `ticket.opened`). */
  readonly start: number;
  /** Target in ms of calendar time. */
  readonly targetMs: number;
  readonly calendar: Calendar;
  /** Sorted; the last may be open (`to = Infinity`). Always empty for the response clock. */
  readonly pauses: readonly Pause[];
  readonly stop: ClockStop | null;
}

export type ClockStatus = 'running' | 'paused' | 'met' | 'breached';

export interface ThresholdInstant {
  readonly percent: number;
  readonly event: SlaEventType;
  readonly level: number | null;
  /**
   * The instant the threshold falls (ms). For a stopped clock that did not reach it, the instant
   * it would have fallen; null while an open pause holds it back.
   */
  readonly at: number | null;
  /** True when the clock reaches it with what is known: before its stop or open pause. */
  readonly reached: boolean;
}

/** One clock as of `now`: the figures, the deadline and every threshold instant. */
export interface ClockSla {
  readonly clock: ClockName;
  readonly status: ClockStatus;
  readonly calendarId: string;
  readonly startedAt: number;
  readonly targetMs: number;
  /** The deadline (100 %); null while paused short of it. */
  readonly dueAt: number | null;
  readonly elapsedMs: number;
  readonly remainingMs: number;
  readonly stop: ClockStop | null;
  /** Start of the open pause, when the clock is paused now. */
  readonly pausedSince: number | null;
  readonly pauses: readonly Pause[];
  readonly thresholds: readonly ThresholdInstant[];
}

// Module-level, not closures of computeClock: the compiled bundle keeps function names
// (esbuild keepNames), which costs a call per closure created, and this runs twice per decision.
function instantOf({ start, calendar }: ClockInput, closed: readonly Interval[], heldFrom: number, ms: number): number | null {
  const at = calendar.addBusinessTime(start, ms, closed);
  return at > heldFrom ? null : at;
}

const isReached = (at: number | null, stopAt: number): at is number => at !== null && at < stopAt;

/**
 * The clock's figures at `now`. A stop ends what the clock can reach (section 7, rule 4), and a
 * threshold falling exactly at the stop is not reached: a response at the deadline meets it.
 * An open pause holds the clock at its elapsed time; a threshold reached exactly when the pause
 * began was reached (the pause cannot undo it once closed, so it must not hide it while open).
 */
export function computeClock(input: ClockInput, rules: readonly ThresholdRule[], now: number): ClockSla {
  const { start, targetMs, calendar } = input;
  const closed: Interval[] = input.pauses.filter((p) => p.to !== Infinity);
  const open = input.pauses.find((p) => p.to === Infinity) ?? null;
  const stopAt = input.stop?.at ?? Infinity;
  const heldFrom = open?.from ?? Infinity;

  const thresholds = rules.map((rule): ThresholdInstant => {
    const at = instantOf(input, closed, heldFrom, Math.round((targetMs * rule.percent) / 100));
    return { percent: rule.percent, event: rule.event, level: rule.level, at, reached: isReached(at, stopAt) };
  });
  const dueAt = instantOf(input, closed, heldFrom, targetMs);
  const end = Math.min(stopAt, heldFrom);
  const elapsedMs = now <= start ? 0 : calendar.businessTimeBetween(start, Math.min(now, end), closed);
  const pausedSince = open !== null && open.from <= now && input.stop === null ? open.from : null;
  const breached = isReached(dueAt, stopAt) && dueAt <= now;
  return {
    clock: input.clock,
    status: statusOf(breached, now, input.stop, pausedSince),
    calendarId: calendar.id,
    startedAt: start,
    targetMs,
    dueAt,
    elapsedMs,
    remainingMs: Math.max(0, targetMs - elapsedMs),
    stop: input.stop,
    pausedSince,
    pauses: input.pauses,
    thresholds,
  };
}

function statusOf(breached: boolean, now: number, stop: ClockStop | null, pausedSince: number | null): ClockStatus {
  if (breached) return 'breached';
  if (stop !== null && stop.at <= now) return 'met';
  return pausedSince !== null ? 'paused' : 'running';
}
