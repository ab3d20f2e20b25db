import { createHash } from 'node:crypto';
import { Job, Queue, type ConnectionOptions } from 'bullmq';
import type { TicketTimers, TimerArm } from '../keeper/ports';
import { refKey, type TicketRef } from '../ticket-ref';

/** A ticket's timer job carries the ticket's key and nothing else: the record decides what fires. */
export interface TicketTimerData {
  readonly k: string;
}

export const TIMER_JOB = 'ticket';

/** Job ids avoid `:` and stay short: a digest of the ticket, stable, so a ticket has one job. */
export const timerJobId = (ref: TicketRef): string => createHash('sha1').update(refKey(ref)).digest('hex').slice(0, 24);

export interface TimerQueueSettings {
  readonly connection: ConnectionOptions;
  readonly queueName: string;
  /** BullMQ prefix of a partition's queue: shares the partition's hash tag. */
  readonly prefixOf: (partition: number) => string;
}

/**
 * One delayed BullMQ job per ticket, in its partition's queue, always set to the ticket's next
 * threshold: added the first time, moved (`changeDelay`) when a pause, resume, priority change or
 * reopen moves the threshold, re-armed by the worker after each firing (`ticket-timer.worker.ts`).
 */
export class BullmqTicketTimers implements TicketTimers {
  private readonly queues = new Map<number, Queue<TicketTimerData>>();

  constructor(private readonly settings: TimerQueueSettings) {}

  queue(partition: number): Queue<TicketTimerData> {
    let queue = this.queues.get(partition);
    if (queue === undefined) {
      queue = new Queue<TicketTimerData>(this.settings.queueName, {
        connection: this.settings.connection,
        prefix: this.settings.prefixOf(partition),
        // The events stream is for dashboards; a short one keeps memory off the per-ticket bill.
        streams: { events: { maxLen: 1_000 } },
      });
      this.queues.set(partition, queue);
    }
    return queue;
  }

  async arm(partition: number, arms: readonly TimerArm[]): Promise<void> {
    if (arms.length === 0) return;
    const queue = this.queue(partition);
    const now = Date.now();
    const moved = await Promise.all(arms.filter((a) => a.armedAt !== null).map((a) => this.move(queue, a, now)));
    const toAdd = [...arms.filter((a) => a.armedAt === null), ...moved.filter((a): a is TimerArm => a !== null)];
    if (toAdd.length > 0) {
      await queue.addBulk(
        toAdd.map((a) => ({
          name: TIMER_JOB,
          data: { k: refKey(a.ref) },
          opts: { jobId: timerJobId(a.ref), delay: Math.max(0, a.at - now), ...JOB_OPTIONS },
        })),
      );
    }
  }

  async cancel(partition: number, refs: readonly TicketRef[]): Promise<void> {
    if (refs.length === 0) return;
    const queue = this.queue(partition);
    // A job running right now is not removed (BullMQ answers 0): it ends by itself, finding nothing due.
    await Promise.all(refs.map((ref) => queue.remove(timerJobId(ref))));
  }

  /** Moves an armed job; resolves with the arm when there is no job to move (add it instead). */
  private async move(queue: Queue<TicketTimerData>, arm: TimerArm, now: number): Promise<TimerArm | null> {
    try {
      await new Job(queue, TIMER_JOB, { k: refKey(arm.ref) }, {}, timerJobId(arm.ref)).changeDelay(Math.max(0, arm.at - now));
      return null;
    } catch (error) {
      const message = (error as Error).message ?? '';
      if (message.includes('Missing key')) return arm; // fired and ended since: a new job
      // Not delayed: it is due or running right now, and the worker re-arms it from the record.
      if (message.includes('not in the delayed state')) return null;
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

/**
 * Completed jobs go at once (the ticket's next job reuses the id). A job retries without end,
 * backing off (the worker's strategy) while Redis or the broker is away; only a bug ends it as
 * failed (`UnrecoverableError`), kept for people to see.
 */
export const JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 10_000,
  attempts: Number.MAX_SAFE_INTEGER,
  backoff: { type: 'custom' },
} as const;
