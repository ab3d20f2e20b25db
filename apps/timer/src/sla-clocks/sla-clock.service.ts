import type { TicketEvent } from '@stageplus/contracts';
import {
  decideAt,
  explainTicket,
  firingKey,
  foldTicket,
  isOpened,
  toKnownEvent,
  type Decision,
  type EvaluationContext,
} from '@stageplus/sla-engine';
import type { TicketClockStore } from './clock-store/ticket-clock.store';
import type { Lease, TicketLock } from './clock-store/ticket-lock';
import type { SlaNotificationsPublisher } from './publish/sla-notifications.publisher';
import { toNotification } from './publish/sla-notifications.publisher';
import type { BullmqThresholdScheduler } from './scheduling/bullmq-threshold.scheduler';
import type { TicketRef } from './ticket-ref';

/** The engine cannot compute with this event (a date its calendars do not cover, ...): refuse it. */
export class EngineRefusal extends Error {
  readonly code: string;

  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
    this.name = 'EngineRefusal';
    const code = (cause as { code?: unknown })?.code;
    this.code = typeof code === 'string' ? code : 'ENGINE.REFUSED';
  }
}

/**
 * Section 7 live: on every event and every due timer, recompute the ticket's clocks from all its
 * events (the engine's `decideAt`, the same function `sla replay` runs), publish what is due,
 * then make the pending timers exactly the upcoming thresholds. Each step is durable before the
 * next: a threshold is marked fired only after the broker acknowledged its event, so a crash in
 * between re-publishes it with the same eventId rather than losing it.
 */
export class SlaClockService {
  constructor(
    private readonly ctx: EvaluationContext,
    private readonly store: TicketClockStore,
    private readonly lock: TicketLock,
    private readonly scheduler: BullmqThresholdScheduler,
    private readonly notifications: SlaNotificationsPublisher,
  ) {}

  /**
   * Applies a ticket event; its processing time is read once the ticket is locked (never before
   * its event time). The engine checks the ticket with the event before it is stored, so an event
   * it can never compute with is refused (`EngineRefusal`) instead of poisoning the ticket.
   */
  async apply(event: TicketEvent, clock: () => number): Promise<void> {
    await this.lock.withLock(event, async (lease) => {
      const now = Math.max(clock(), Date.parse(event.occurredAt));
      const record = await this.store.load(event);
      // Learnt last: the store's sequence number for it will be the highest too.
      const known = [...record.events, toKnownEvent(event, Number.MAX_SAFE_INTEGER, now)];
      let decision: Decision;
      try {
        decision = decideAt(known, record.fired, this.ctx, now);
      } catch (error) {
        throw new EngineRefusal(error);
      }
      await this.store.append(event, now);
      await this.act(event, decision, now, lease);
    });
  }

  /** A threshold timer fired: recompute at `now` and fire what is due. */
  async tick(ref: TicketRef, notBefore: number, firingJobId?: string): Promise<void> {
    await this.lock.withLock(ref, (lease) => this.recompute(ref, Math.max(Date.now(), notBefore), lease, firingJobId));
  }

  /** The ticket's clocks and explanation as of `now`, or null if the ticket is unknown or not opened. */
  async explain(ref: TicketRef, now: number) {
    return this.lock.withLock(ref, () => this.explainLocked(ref, now));
  }


  private async explainLocked(ref: TicketRef, now: number) {
    const record = await this.store.load(ref);
    const state = foldTicket(record.events, { pauseStatuses: this.ctx.policy.pauseStatuses });
    if (state === null || !isOpened(state)) return null;
    return {
      explanation: explainTicket(state, this.ctx, now),
      fired: [...record.fired].sort(),
      scheduled: await this.scheduler.pending(ref),
    };
  }

  private async recompute(ref: TicketRef, now: number, lease: Lease, firingJobId?: string): Promise<void> {
    const record = await this.store.load(ref);
    await this.act(ref, decideAt(record.events, record.fired, this.ctx, now), now, lease, firingJobId);
  }

  /** Publishes what is due, marks it fired once acknowledged, then syncs the timers. */
  private async act(ref: TicketRef, decision: Decision, now: number, lease: Lease, firingJobId?: string): Promise<void> {
    if (decision.sla !== null) {
      for (const firing of decision.fire) {
        await this.notifications.publish(toNotification(decision.sla, firing));
        await lease.ensureHeld();
        await this.store.markFired(ref, firingKey(firing));
      }
    }
    // A stale view must not reschedule: if the lease was lost, whoever holds the lock now syncs.
    await lease.ensureHeld();
    await this.scheduler.sync(ref, decision.upcoming, now, firingJobId);
  }
}
