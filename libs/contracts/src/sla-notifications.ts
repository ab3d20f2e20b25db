import type { Plan, SLA_EVENT_VERSION, SlaThresholdFired } from './sla-events';

/**
 * What `sla.escalations` and `sla.breaches` carry: the fired threshold, with a deterministic
 * `eventId` (tenant, ticket, clock, percent, and which firing of it) so that a re-publication after a crash is
 * recognisable, and a message in French and English.
 */
export interface SlaNotification extends SlaThresholdFired {
  readonly eventId: string;
  readonly schemaVersion: typeof SLA_EVENT_VERSION;
  readonly plan: Plan;
  /** The clock's deadline (UTC ISO); null while paused short of it. */
  readonly dueAt: string | null;
  readonly policyVersion: string;
  /** Stable per ticket and clock (`{tenant}:{ticket}:{clock}`): an `sla.cleared` resolves it. */
  readonly alertKey: string;
  /** For people: instants in the establishment's local time with the zone (`… 22 h 37 HNE`, `… 10:37 PM EST`). */
  readonly message: { readonly fr: string; readonly en: string };
}

/**
 * The deterministic id of a fired threshold: `sla:{tenant}:{ticket}:{clock}:{percent}`. A threshold
 * fires once per ticket and clock, unless a correction of the policy withdrew it (an
 * `sla.cleared` with reason `policy-corrected`): its `nth` firing (from 2) adds `:{nth}`.
 */
export const slaEventId = (tenantId: string, ticketId: string, clock: string, percent: number, nth = 1): string =>
  `sla:${tenantId}:${ticketId}:${clock}:${percent}${nth > 1 ? `:${nth}` : ''}`;
