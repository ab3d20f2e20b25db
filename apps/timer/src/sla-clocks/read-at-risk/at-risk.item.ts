import { evaluateTicket, firingKey, foldUnderPolicy, isOpened, upcomingThresholds, type EvaluationContext } from '@stageplus/sla-engine';
import type { ClockName } from '@stageplus/contracts';
import type { TicketRecord } from '../ticket-record/ticket-record';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** One line of the at-risk board (`GET /v1/tenants/{t}/tickets`). */
export interface AtRiskItem {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly priority: string;
  readonly plan: string;
  /** The clock the figures are about: the next threshold's, or the paused resolution clock. */
  readonly clock: ClockName;
  readonly status: 'running' | 'paused' | 'breached';
  /** The ticket's next threshold to fire (either clock); null when nothing is left to fire. */
  readonly next: { clock: ClockName; percent: number; event: string; level: number | null; at: string } | null;
  readonly dueAt: string | null;
  readonly remainingMs: number;
  readonly elapsedMs: number;
  readonly targetMs: number;
  /** Start of the resolution clock's open pause (waiting on the customer); null when it runs. */
  readonly pausedSince: string | null;
}

/**
 * A board line from a ticket's record, evaluated by the engine as of `now` (as the SLA view is):
 * remaining business time is the engine's, never the index's score. Null for a ticket not opened
 * yet or already closed. `board` says which list it is on: `paused` reports the resolution clock.
 */
export function atRiskItem(record: TicketRecord, board: 'running' | 'paused', ctx: EvaluationContext, now: number): AtRiskItem | null {
  const state = foldUnderPolicy(record.events, ctx, now);
  if (state === null || !isOpened(state) || state.closedAt !== null) return null;
  const sla = evaluateTicket(state, ctx, now);
  const fired = new Set([...record.fired.keys()].filter((k) => !k.includes(':cleared:')));
  // Every reached, unfired threshold, the overdue ones too (their timer is about to go off).
  const [upcoming] = upcomingThresholds(sla, fired, -Infinity);
  const clock: ClockName = board === 'paused' || upcoming === undefined ? 'resolution' : upcoming.clock;
  const c = sla.clocks[clock];
  const threshold = upcoming && sla.clocks[upcoming.clock].thresholds.find((t) => firingKey({ clock: upcoming.clock, percent: t.percent }) === firingKey(upcoming));
  return {
    tenantId: sla.tenantId,
    ticketId: sla.ticketId,
    priority: sla.priority,
    plan: sla.plan,
    clock,
    status: c.status === 'paused' ? 'paused' : c.status === 'breached' ? 'breached' : 'running',
    next:
      upcoming === undefined || threshold === undefined
        ? null
        : { clock: upcoming.clock, percent: upcoming.percent, event: threshold.event, level: threshold.level, at: iso(upcoming.at) as string },
    dueAt: iso(c.dueAt),
    remainingMs: c.remainingMs,
    elapsedMs: c.elapsedMs,
    targetMs: c.targetMs,
    pausedSince: iso(sla.clocks.resolution.pausedSince),
  };
}
