import { createHash } from 'node:crypto';
import { firingKey, type ScheduledThreshold } from '@stageplus/sla-engine';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { refKey, type TicketRef } from '../ticket-ref';
import type { ThresholdScheduler } from './threshold-scheduler';

/** What a threshold job carries: enough to find its ticket; the state decides what fires. */
export interface ThresholdJobData {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly clock: string;
  readonly percent: number;
  /** The threshold's instant (ms). */
  readonly at: number;
}

interface ScheduledJob {
  readonly jobId: string;
  readonly at: number;
}

/**
 * Keeps exactly one BullMQ delayed job per upcoming threshold of a ticket.
 *
 * BullMQ ignores `add` for an existing job id (even a completed one still retained) and `remove`
 * cannot tell "never existed" from "removed", so each job id carries a generation from a Redis
 * counter: a rescheduled threshold gets a new id, and the job map (`jobs:<ticket>`, threshold →
 * job id and instant) says which job is current. The worker re-checks the clock state when a job
 * fires, so a job that escaped removal fires nothing it should not.
 */
export class BullmqThresholdScheduler implements ThresholdScheduler {
  constructor(
    private readonly queue: Queue<ThresholdJobData>,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async sync(ref: TicketRef, upcoming: readonly ScheduledThreshold[], now: number, firingJobId?: string): Promise<void> {
    const mapKey = this.mapKey(ref);
    const current = await this.redis.hgetall(mapKey);
    const wanted = new Map(upcoming.map((u) => [firingKey(u), u]));
    for (const [field, raw] of Object.entries(current)) {
      const job = JSON.parse(raw) as ScheduledJob;
      const want = wanted.get(field);
      if (want !== undefined && want.at === job.at && job.jobId !== firingJobId) {
        wanted.delete(field);
        continue;
      }
      await this.removeJob(job.jobId, firingJobId);
      await this.redis.hdel(mapKey, field);
    }
    for (const [field, threshold] of wanted) await this.schedule(ref, field, threshold, now);
  }

  /** The jobs this ticket has pending, by threshold: for the SLA API and tests. */
  async pending(ref: TicketRef): Promise<Record<string, ScheduledJob>> {
    const raw = await this.redis.hgetall(this.mapKey(ref));
    return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, JSON.parse(value) as ScheduledJob]));
  }

  private async schedule(ref: TicketRef, field: string, threshold: ScheduledThreshold, now: number): Promise<void> {
    const generation = await this.redis.incr(`${this.prefix}gen:${refKey(ref)}`);
    const jobId = `${ticketHash(ref)}-${threshold.clock}-${threshold.percent}-g${generation}`;
    const data: ThresholdJobData = { ...ref, clock: threshold.clock, percent: threshold.percent, at: threshold.at };
    await this.queue.add('threshold', data, {
      jobId,
      delay: Math.max(0, threshold.at - now),
      removeOnComplete: true,
      removeOnFail: 1_000,
      attempts: Number.MAX_SAFE_INTEGER, // see the worker's backoffStrategy: capped, never final
      backoff: { type: 'custom' },
    });
    await this.redis.hset(this.mapKey(ref), field, JSON.stringify({ jobId, at: threshold.at } satisfies ScheduledJob));
  }

  private async removeJob(jobId: string, firingJobId: string | undefined): Promise<void> {
    if (jobId === firingJobId) return; // the worker completes it
    // An active job (locked by a worker) is not removed (0): it re-checks the state and fires
    // nothing stale. Errors are Redis trouble, which the caller's retry covers.
    await this.queue.remove(jobId);
  }

  private mapKey(ref: TicketRef): string {
    return `${this.prefix}jobs:${refKey(ref)}`;
  }
}

/** Job ids must avoid `:` and stay short: a digest of the ticket, not its ids. */
function ticketHash(ref: TicketRef): string {
  return createHash('sha1').update(refKey(ref)).digest('hex').slice(0, 20);
}
