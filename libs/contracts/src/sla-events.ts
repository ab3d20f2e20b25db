/** Events the SLA monitor emits. */

/** The schema version of every event on the SLA topics (`schemaVersion`). */
export const SLA_EVENT_VERSION = 1;

export type ClockName = 'response' | 'resolution';
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export type Plan = 'BASE' | 'PLUS';
export type SlaEventType = 'sla.escalated' | 'sla.breached';
/** Every type on the SLA topics. */
export type SlaTopicEventType = SlaEventType | 'sla.cleared';

/** A threshold of a clock that fired: escalation (levels 1..3) or breach (100 %). */
export interface SlaThresholdFired {
  readonly type: SlaEventType;
  readonly tenantId: string;
  readonly ticketId: string;
  readonly clock: ClockName;
  readonly percent: number;
  /** Escalation level; null for a breach. */
  readonly level: number | null;
  readonly priority: Priority;
  /** The instant the threshold was computed to fall, UTC ISO with milliseconds. */
  readonly thresholdAt: string;
  /** When it fired, UTC ISO with milliseconds. */
  readonly firedAt: string;
  /** True when it fired after its instant (the engine learned of it late). */
  readonly late: boolean;
}
