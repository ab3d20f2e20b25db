import { Queue, type ConnectionOptions } from 'bullmq';
import type { AdapterLogger } from '@stageplus/kafka';
import type { TicketTimers, TimerArm } from '../keeper/ports';
import { WakePlan } from './wake-plan';

/** A partition's wake-up: the instant it was added for; the due index decides what fires. */
export interface WakeJobData {
  readonly at: number;
}

export const WAKE_JOB = 'wake';
/** What ioredis answers on a client that has ended and will not reconnect. */
const CLIENT_ENDED = 'Connection is closed.';
/** The job of the earlier layout, one per ticket (`{ k: ticket key }`): run as a wake-up at once. */
export const LEGACY_TICKET_JOB = 'ticket';

export interface TimerQueueSettings {
  readonly connection: ConnectionOptions;
  readonly queueName: string;
  /** BullMQ prefix of a partition's queue: shares the partition's hash tag. */
  readonly prefixOf: (partition: number) => string;
  readonly logger: AdapterLogger;
}

/**
 * The partitions' wake-up jobs: one delayed BullMQ job per distinct instant the partition must
 * wake up at, in the partition's queue, not one per ticket. A ticket's timer costs its entry in
 * the due index only; 10,000 thresholds due at one instant are one job. Which jobs to add is the
 * {@link WakePlan}'s decision; the worker's side is `timer-workers.ts`.
 */
export class BullmqWakeTimers implements TicketTimers {
  private readonly queues = new Map<number, Queue<WakeJobData>>();
  readonly plan = new WakePlan();
  /** Partitions whose wake-up could not be added: the workers' watchdog derives it again. */
  readonly unsure = new Set<number>();

  constructor(private readonly settings: TimerQueueSettings) {}

  queue(partition: number): Queue<WakeJobData> {
    let queue = this.queues.get(partition);
    if (queue === undefined) {
      queue = new Queue<WakeJobData>(this.settings.queueName, {
        connection: this.settings.connection,
        prefix: this.settings.prefixOf(partition),
        // The events stream is for dashboards; a short one keeps memory small.
        streams: { events: { maxLen: 1_000 } },
      });
      this.queues.set(partition, queue);
    }
    return queue;
  }

  async arm(partition: number, arms: readonly TimerArm[]): Promise<void> {
    if (arms.length === 0) return;
    let earliest = arms[0].at;
    for (const a of arms) if (a.at < earliest) earliest = a.at;
    await this.wakeBy(partition, earliest);
  }

  /** Nothing to do: the commit took the tickets out of the due index. */
  async cancel(): Promise<void> {}

  /**
   * Makes sure the partition wakes up by `at`. Never throws: a wake-up that could not be added
   * marks the partition `unsure`, and the watchdog derives it from the index again (the commit it
   * follows is durable; the timer is late by the watchdog's period at worst).
   */
  async wakeBy(partition: number, at: number): Promise<void> {
    const instant = this.plan.need(partition, at);
    if (instant === null) return;
    try {
      await this.queue(partition).add(WAKE_JOB, { at: instant }, { delay: Math.max(0, instant - Date.now()), ...JOB_OPTIONS });
    } catch (error) {
      this.plan.failed(partition, instant);
      this.unsure.add(partition);
      if ((error as Error).message === CLIENT_ENDED) this.dropQueue(partition);
      this.settings.logger.warn({ partition, at: instant, err: (error as Error).message }, 'wake-up job not added: the watchdog adds it again');
    }
  }

  /**
   * A queue whose client has ended for good is replaced at its next use: after a Sentinel
   * failover, BullMQ left a queue's connection ended ("Connection is closed." to every command),
   * and every wake-up added through it failed until the process restarted (docs/architecture.md,
   * "Under Sentinel, a worker whose own connection ended").
   */
  private dropQueue(partition: number): void {
    const queue = this.queues.get(partition);
    this.queues.delete(partition);
    void queue?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

/**
 * Completed jobs go at once. A job retries without end, backing off (the worker's strategy) while
 * Redis or the broker is away; only a bug ends it as failed (`UnrecoverableError`), kept for people
 * to see. Ids are BullMQ's own: two wake-ups at one instant are harmless, one lost is not.
 */
export const JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 10_000,
  attempts: Number.MAX_SAFE_INTEGER,
  backoff: { type: 'custom' },
} as const;
