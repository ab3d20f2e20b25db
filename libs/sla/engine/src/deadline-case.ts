import type { Level, Plan, Priority } from '@stageplus/contracts';
import type { Interval } from '@stageplus/sla-calendar';
import { priorityOf, type ClockTarget, type SlaPolicy } from '@stageplus/sla-policy';
import { computeClock } from './clock';
import { EngineError } from './engine-error';
import type { Pause } from './ticket-state';

/** A what-if: one ticket opened at an instant, with optional pauses of its resolution clock. */
export interface DeadlineCase {
  readonly plan: Plan;
  readonly impact: Level;
  readonly urgency: Level;
  readonly openedAt: number;
  readonly pauses?: readonly Interval[];
}

export interface ClockDeadlines {
  readonly targetMinutes: number;
  readonly dueAt: number;
  readonly escalations: readonly { readonly percent: number; readonly at: number }[];
}

export interface CaseDeadlines {
  readonly priority: Priority;
  /** The response clock's calendar id (both clocks share it in the STAGE+ policy). */
  readonly calendar: string;
  readonly response: ClockDeadlines;
  readonly resolution: ClockDeadlines;
}

/** Deadlines and threshold instants of a case: the deadline rule applied to each clock. */
export function caseDeadlines(policy: SlaPolicy, c: DeadlineCase): CaseDeadlines {
  const priority = priorityOf(policy, c.impact, c.urgency);
  const targets = policy.targets[c.plan][priority];
  const pauses = normalizePauses(c.pauses ?? []);
  return {
    priority,
    calendar: targets.response.calendarId,
    response: clockDeadlines(policy, targets.response, c.openedAt, []),
    resolution: clockDeadlines(policy, targets.resolution, c.openedAt, pauses),
  };
}

function clockDeadlines(policy: SlaPolicy, target: ClockTarget, start: number, pauses: Pause[]): ClockDeadlines {
  const calendar = policy.calendars.get(target.calendarId);
  if (calendar === undefined) throw new EngineError('CASE.INVALID', `unknown calendar ${target.calendarId}`);
  const clock = computeClock(
    { clock: 'resolution', start, targetMs: target.durationMs, calendar, pauses, stop: null },
    policy.thresholds,
    start,
  );
  return {
    targetMinutes: target.durationMs / 60_000,
    dueAt: clock.dueAt as number,
    escalations: clock.thresholds.map((t) => ({ percent: t.percent, at: t.at as number })),
  };
}

/** Sorts and merges overlapping pauses; refuses an empty or inverted one. */
function normalizePauses(intervals: readonly Interval[]): Pause[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  const out: Pause[] = [];
  for (const p of sorted) {
    if (!(p.to > p.from)) throw new EngineError('CASE.INVALID', 'a pause must end after it starts');
    const last = out[out.length - 1];
    if (last !== undefined && p.from <= last.to) {
      out[out.length - 1] = { ...last, to: Math.max(last.to, p.to) };
    } else {
      out.push({ from: p.from, to: p.to, reason: { kind: 'status', status: 'paused' } });
    }
  }
  return out;
}
