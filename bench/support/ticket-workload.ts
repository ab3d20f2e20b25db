import { join } from 'node:path';
import { slaEventId, ticketKey, type Level, type Plan, type TicketEvent } from '@stageplus/contracts';
import { caseDeadlines } from '@stageplus/sla-engine';
import { loadDefaultPolicy, loadPolicyFile, type SlaPolicy } from '@stageplus/sla-policy';

/** The timer benchmarks' policy: 24x7, P1 first threshold 5 min after opening, P4 quiet for hours. */
export const BENCH_POLICY_PATH = join(__dirname, 'bench-policy.yaml');
export const BENCH_TENANT = 'bench-a';

/** A BASE P4 ticket: its first threshold hours away, it stays open and quiet through a bench. */
export const QUIET = { plan: 'BASE', impact: 4, urgency: 4 } as const;

export const benchPolicy = (): SlaPolicy => loadPolicyFile(BENCH_POLICY_PATH);
export const bundledPolicy = (): SlaPolicy => loadDefaultPolicy();

/** A threshold as the SLA topics will name it, with its instant. */
export interface ExpectedThreshold {
  readonly eventId: string;
  readonly at: number;
}

export interface TicketShape {
  readonly plan: Plan;
  readonly impact: Level;
  readonly urgency: Level;
}

/** Every threshold of a ticket opened at `openedAt`, per the engine's own deadline rule. */
export function thresholdsOf(policy: SlaPolicy, tenantId: string, ticketId: string, shape: TicketShape, openedAt: number): ExpectedThreshold[] {
  const deadlines = caseDeadlines(policy, { ...shape, openedAt });
  return (['response', 'resolution'] as const).flatMap((clock) =>
    deadlines[clock].escalations.map((t) => ({ eventId: slaEventId(tenantId, ticketId, clock, t.percent), at: t.at })),
  );
}

/**
 * How long after opening a ticket of this shape reaches its first threshold (24x7 calendars
 * only: on business hours it depends on the instant).
 */
export function firstThresholdAfter(policy: SlaPolicy, shape: TicketShape): number {
  const openedAt = Date.UTC(2026, 5, 1);
  return Math.min(...thresholdsOf(policy, 't', 't', shape, openedAt).map((t) => t.at)) - openedAt;
}

export function opened(tenantId: string, ticketId: string, occurredAt: number, shape: Pick<TicketShape, 'impact' | 'urgency'>): TicketEvent {
  return {
    eventId: `${ticketId}-1`,
    type: 'ticket.opened',
    tenantId,
    ticketId,
    occurredAt: new Date(occurredAt).toISOString(),
    impact: shape.impact,
    urgency: shape.urgency,
    status: 'new',
    actor: 'bench-agent',
  };
}

/** An ordinary update: a status that pauses nothing, by an agent; the n-th event of the ticket. */
export function updated(tenantId: string, ticketId: string, n: number, occurredAt: number): TicketEvent {
  return {
    eventId: `${ticketId}-${n}`,
    type: 'ticket.updated',
    tenantId,
    ticketId,
    occurredAt: new Date(occurredAt).toISOString(),
    status: n % 2 === 0 ? 'in_progress' : 'assigned',
    actor: `agent-${n}`,
    reason: 'triage',
  };
}

export const keyOf = ticketKey;

/** mulberry32: a seeded PRNG, so every run builds the same workload. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` items picked evenly across a list (first and last included): a sample spread over partitions and posting order. */
export function spreadSample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / Math.max(1, n - 1))]);
}
