import type { ClockName, Plan, Priority, SLA_EVENT_VERSION } from './sla-events';

/**
 * Why an alerting clock cleared: the clock was met or stopped (`responded`, `resolved`,
 * `closed`: the stop's cause), its ticket entered a pause status (`paused`), or a correction of
 * its policy version (`replaces:`) moved every threshold the clock had fired past the instant it
 * was published, so that none applies any more (`policy-corrected`, `since` the correction's
 * publication; those thresholds fire again, as a new alert, when the clock reaches them under the
 * correction). A consumer resolves the alert whatever the reason: more reasons may come.
 */
export type ClearReason = 'responded' | 'resolved' | 'closed' | 'paused' | 'policy-corrected';

/**
 * `sla.cleared`: a clock that escalated or breached no longer needs anyone. Published with the
 * ticket's key on every SLA topic where that clock's alerts went (escalations, breaches or both),
 * so that on-call tools resolve what they opened with `alertKey`. A clock that alerts again
 * after a pause (a later threshold fires) or after a correction cleared it (a withdrawn threshold
 * fires again) opens a new alert under the same `alertKey`, and clears again with a new `eventId`.
 */
export interface SlaCleared {
  readonly type: 'sla.cleared';
  /** `sla:{tenant}:{ticket}:{clock}:cleared:{n}`, n = firings of that clock so far (a threshold fired again after a correction counts twice). */
  readonly eventId: string;
  readonly schemaVersion: typeof SLA_EVENT_VERSION;
  readonly tenantId: string;
  readonly ticketId: string;
  readonly clock: ClockName;
  /** Stable per ticket and clock: `{tenant}:{ticket}:{clock}`; the same on the alerts it clears. */
  readonly alertKey: string;
  readonly reason: ClearReason;
  readonly priority: Priority;
  readonly plan: Plan;
  /** Event time of the stop or of the pause's start; for `policy-corrected`, the correction's publication (UTC ISO with milliseconds). */
  readonly since: string;
  /** Processing time: when the monitor learnt it (UTC ISO with milliseconds). */
  readonly clearedAt: string;
  /** The thresholds of this clock fired so far (what was alerted), in order. */
  readonly alerts: readonly { readonly percent: number; readonly type: 'sla.escalated' | 'sla.breached'; readonly level: number | null }[];
  /** True when the clock had breached (its alerts went to `sla.breaches` too). */
  readonly breached: boolean;
  readonly policyVersion: string;
  readonly message: { readonly fr: string; readonly en: string };
}

/** The stable alert key of a ticket's clock: what on-call tools deduplicate on. */
export const slaAlertKey = (tenantId: string, ticketId: string, clock: string): string => `${tenantId}:${ticketId}:${clock}`;

/** The deterministic id of the n-th clearing state of a clock (n = the clock's firings by then). */
export const slaClearedId = (tenantId: string, ticketId: string, clock: string, firedCount: number): string =>
  `sla:${tenantId}:${ticketId}:${clock}:cleared:${firedCount}`;
