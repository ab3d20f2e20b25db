import type { ScheduledThreshold } from '@stageplus/sla-engine';
import type { TicketRef } from '../ticket-ref';

/**
 * The port between the engine's "schedule as data" and a timer technology: after each
 * recomputation, make the pending timers of a ticket exactly `upcoming`.
 */
export interface ThresholdScheduler {
  sync(ref: TicketRef, upcoming: readonly ScheduledThreshold[], now: number): Promise<void>;
}

export const THRESHOLD_SCHEDULER = Symbol('ThresholdScheduler');
