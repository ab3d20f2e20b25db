import type { Calendar, CalendarSpec } from '@stageplus/sla-calendar';
import type { Level, Plan, Priority, SlaEventType } from '@stageplus/contracts';

/** One escalation threshold, in percent of a clock's target. */
export interface ThresholdRule {
  readonly percent: number;
  readonly event: SlaEventType;
  /** Escalation level (1 warning, 2 at risk, 3 overdue); null for the breach. */
  readonly level: number | null;
}

/** One clock's target as the policy states it. */
export interface ClockTarget {
  /** Target in milliseconds of calendar time (a business day counts `businessDay`). */
  readonly durationMs: number;
  /** The notation as written in the policy file (`30min`, `2j`, `PT8H`), for display. */
  readonly text: string;
  /** Calendar id (`business`, `24x7`, ...). */
  readonly calendarId: string;
}

export interface PriorityTargets {
  readonly response: ClockTarget;
  readonly resolution: ClockTarget;
}

export interface TenantEntry {
  readonly plan: Plan;
  /** The tenant's own calendar id: replaces the `business` calendar for its business-hours targets. */
  readonly calendarId?: string;
  readonly name?: string;
}

/** A validated policy, ready to compute with. */
export interface SlaPolicy {
  readonly version: string;
  /** Local date `YYYY-MM-DD` from which this policy applies. */
  readonly effectiveDate: string;
  /**
   * The version this one corrects, when it is a correction: it then stands in for that version,
   * retroactively, for every ticket the corrected version governs (see `governingPolicy`).
   */
  readonly replaces?: string;
  /** Where it was loaded from (file path or `<default>`), for messages. */
  readonly source: string;
  /** matrix[impact][urgency] = priority. */
  readonly matrix: Readonly<Record<Level, Readonly<Record<Level, Priority>>>>;
  readonly targets: Readonly<Record<Plan, Readonly<Record<Priority, PriorityTargets>>>>;
  readonly calendarSpecs: Readonly<Record<string, CalendarSpec>>;
  readonly calendars: ReadonlyMap<string, Calendar>;
  /** Length of one business day (`j`, ISO `D`) in ms: 8 business hours by default. */
  readonly businessDayMs: number;
  /** Statuses that pause the resolution clock (default `pending_customer`). */
  readonly pauseStatuses: readonly string[];
  /** Sorted by percent. */
  readonly thresholds: readonly ThresholdRule[];
  readonly tenants: ReadonlyMap<string, TenantEntry>;
  /** Plan of a tenant missing from the registry; undefined means unknown tenants are refused. */
  readonly defaultPlan?: Plan;
}

/** What applies to one ticket: its priority, plan and, per clock, target and calendar. */
export interface ResolvedTargets {
  readonly priority: Priority;
  readonly plan: Plan;
  readonly response: { readonly target: ClockTarget; readonly calendar: Calendar };
  readonly resolution: { readonly target: ClockTarget; readonly calendar: Calendar };
}
