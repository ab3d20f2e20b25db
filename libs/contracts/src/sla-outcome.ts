import type { ClockName, Plan, Priority, SLA_EVENT_VERSION } from './sla-events';
import type { StopCause } from './sla-outcome-cause';

/** How one clock of a closed ticket ended. */
export interface SlaClockOutcome {
  readonly clock: ClockName;
  /** `breached` when its deadline fell before its stop; otherwise `met`. */
  readonly status: 'met' | 'breached';
  readonly targetMs: number;
  /** Business time counted from opening to the stop. */
  readonly elapsedMs: number;
  /** The deadline (UTC ISO with milliseconds). */
  readonly dueAt: string;
  /** When the clock stopped (UTC ISO) and why. */
  readonly stoppedAt: string;
  readonly stoppedBy: StopCause;
  /** The thresholds that fired on this clock (percent), in order. */
  readonly fired: readonly number[];
}

/**
 * `sla.outcome`: the final SLA of a closed ticket, published once on `sla.outcomes` (compacted,
 * key `tenantId:ticketId`) when the ticket is closed with nothing left to fire. Compliance
 * reports and the console count these; `sla report` can also compute them from an event log.
 */
export interface SlaTicketOutcome {
  readonly type: 'sla.outcome';
  /** `sla:{tenant}:{ticket}:outcome`. */
  readonly eventId: string;
  readonly schemaVersion: typeof SLA_EVENT_VERSION;
  readonly tenantId: string;
  readonly ticketId: string;
  readonly priority: Priority;
  readonly plan: Plan;
  readonly openedAt: string;
  readonly closedAt: string;
  /** The establishment's zone (IANA): reports bucket by local month of `closedAt`. */
  readonly timeZone: string;
  readonly policyVersion: string;
  readonly clocks: { readonly response: SlaClockOutcome; readonly resolution: SlaClockOutcome };
}

export const slaOutcomeId = (tenantId: string, ticketId: string): string => `sla:${tenantId}:${ticketId}:outcome`;
