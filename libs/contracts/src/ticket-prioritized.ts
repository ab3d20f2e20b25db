import type { Plan, Priority } from './sla-events';
import type { Level, TicketEvent } from './ticket-events';

export const TICKET_PRIORITIZED_VERSION = 1;

/** One clock's target as the priority service resolved it. */
export interface TargetSummary {
  readonly minutes: number;
  /** As written in the policy: `30min`, `2j`. */
  readonly text: string;
  readonly calendar: string;
}

/**
 * A ticket event enriched by the priority service (`tickets.prioritized`). Priority, plan and
 * targets are those of the ticket's current impact and urgency; null when the ticket's
 * classification is not known yet (an event that arrived before its `ticket.opened`).
 */
export interface TicketPrioritized {
  readonly type: 'ticket.prioritized';
  readonly schemaVersion: typeof TICKET_PRIORITIZED_VERSION;
  readonly event: TicketEvent;
  readonly impact: Level | null;
  readonly urgency: Level | null;
  readonly priority: Priority | null;
  readonly plan: Plan;
  readonly targets: { readonly response: TargetSummary; readonly resolution: TargetSummary } | null;
  readonly policyVersion: string;
  /** When the priority service enriched it (UTC ISO). */
  readonly prioritizedAt: string;
}
