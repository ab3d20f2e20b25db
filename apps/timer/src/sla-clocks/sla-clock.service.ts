import type { TicketEvent } from '@stageplus/contracts';
import { decideAt, explainTicket, firingKey, foldTicket, isOpened, type EvaluationContext } from '@stageplus/sla-engine';
import type { TicketClockStore } from './clock-store/ticket-clock.store';
import type { TicketLock } from './clock-store/ticket-lock';
import type { SlaNotificationsPublisher } from './publish/sla-notifications.publisher';
import { toNotification } from './publish/sla-notifications.publisher';
import type { BullmqThresholdScheduler } from './scheduling/bullmq-threshold.scheduler';
import type { TicketRef } from './ticket-ref';

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

  /** Applies a ticket event at processing time `now`. */
  async apply(event: TicketEvent, now: number): Promise<void> {
    await this.lock.withLock(event, async () => {
      await this.store.append(event, now);
      await this.recompute(event, now);
    });
  }

  /** A threshold timer fired: recompute at `now` and fire what is due. */
  async tick(ref: TicketRef, now: number, firingJobId?: string): Promise<void> {
    await this.lock.withLock(ref, () => this.recompute(ref, now, firingJobId));
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

  private async recompute(ref: TicketRef, now: number, firingJobId?: string): Promise<void> {
    const record = await this.store.load(ref);
    const decision = decideAt(record.events, record.fired, this.ctx, now);
    if (decision.sla !== null) {
      for (const firing of decision.fire) {
        await this.notifications.publish(toNotification(decision.sla, firing));
        await this.store.markFired(ref, firingKey(firing));
      }
    }
    await this.scheduler.sync(ref, decision.upcoming, now, firingJobId);
  }
}
