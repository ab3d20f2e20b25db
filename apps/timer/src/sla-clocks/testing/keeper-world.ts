import type { TicketEvent } from '@stageplus/contracts';
import type { EvaluationContext } from '@stageplus/sla-engine';
import { loadPolicyFile, type SlaPolicy } from '@stageplus/sla-policy';
import { FAST_POLICY_PATH } from '@stageplus/testing';
import type { PrioritizedEvent } from '../apply-ticket-event/ticket-prioritized.parser';
import { ClockKeeper } from '../keeper/clock-keeper';
import { governedPause } from '../ticket-record/paused-since';
import { InMemoryClockStore, InMemoryOutbox, InMemoryTimers, VirtualClock } from './in-memory-ports';

/** A clock keeper on in-memory ports, in virtual time: the world of the keeper's unit specs. */
export const policy = loadPolicyFile(FAST_POLICY_PATH); // BASE P1: response 2 s, resolution 4 s, 24x7
export const T0 = Date.parse('2026-06-23T15:00:00Z');
export const P = 0;

export function keeperWorld(options: { readonly policy?: SlaPolicy; readonly start?: number; readonly ctx?: () => EvaluationContext } = {}) {
  const clock = new VirtualClock(options.start ?? T0);
  const ctx = options.ctx ?? (() => ({ policy: options.policy ?? policy }));
  // The store reads pauses under the history the keeper decides with, as the timer's does.
  const store = new InMemoryClockStore(governedPause(ctx, clock.read));
  const timers = new InMemoryTimers();
  const outbox = new InMemoryOutbox();
  const keeper = new ClockKeeper({ ctx, closedRetentionMs: 60_000, clock: clock.read }, store, timers, outbox);
  const fired = () => outbox.notifications.map((n) => `${n.ticketId} ${n.clock}:${n.percent}@${Date.parse(n.thresholdAt) - T0}${n.late ? ' late' : ''}`);
  /** Runs the timers as a worker would, up to `until`, in virtual time. */
  async function runUntil(token: string, until: number) {
    for (;;) {
      const next = Math.min(...timers.armed.values());
      if (!(next <= until)) break;
      clock.now = next;
      await keeper.fireDue(P, token, timers.takeDue(next)); // it arms each ticket's next threshold
    }
    clock.now = until;
  }
  return { clock, store, timers, outbox, keeper, fired, runUntil };
}

let n = 0;
export const event = (ticketId: string, type: TicketEvent['type'], at: number, extra: Partial<TicketEvent> = {}): PrioritizedEvent => ({
  event: { eventId: `${ticketId}-${++n}`, type, tenantId: 'tenant-a', ticketId, occurredAt: new Date(at).toISOString(), ...extra },
});

